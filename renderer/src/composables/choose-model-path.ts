/**
 * "Browse…" for a model the person already has: the OS file chooser (main's dialog), a GGUF
 * file for a language model, a folder for the others. The chosen path fills the path box;
 * cancelling changes nothing; where there is no chooser (the browser twin) a note says why,
 * and the path is typed.
 */
import { reactive } from 'vue';
import { getBridge } from '../bridge';
import { useModelsStore } from '../stores/models';

export function useModelPathChooser(paths: Record<string, string>) {
  const models = useModelsStore();
  /** Per model id: why no chooser opened. */
  const browseNotes = reactive<Record<string, string>>({});

  async function browse(id: string, title: string): Promise<void> {
    const kind = models.statuses[id]?.purpose === 'llm' ? 'file' : 'folder';
    const result = await getBridge().shell.choosePath({ kind, title: `Choose the ${kind} of ${title}`.slice(0, 200) });
    browseNotes[id] = result.ok ? '' : result.error.message;
    if (result.ok && result.value.path) paths[id] = result.value.path;
  }

  return { browseNotes, browse };
}
