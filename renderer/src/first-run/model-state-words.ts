/** A model's state in words for the Local models list. */
import type { ModelProgressInfo, ModelStatusInfo } from '../../../electron/contract/index';
import { formatBytes } from './progress-words';

export function modelStateWords(status: ModelStatusInfo, progress?: ModelProgressInfo): string {
  switch (status.state) {
    case 'absent':
      return 'Not downloaded';
    case 'partial':
      return `Partly downloaded (${formatBytes(status.partialBytes ?? 0)} of ${formatBytes(status.sizeBytes)}); resumes from there`;
    case 'downloading': {
      if (!progress) return 'Downloading…';
      if (progress.phase !== 'downloading') return `${progress.phase[0]!.toUpperCase()}${progress.phase.slice(1)}…`;
      const total = progress.totalBytes ?? status.sizeBytes;
      return `Downloading: ${formatBytes(progress.receivedBytes)} of ${formatBytes(total)}`;
    }
    case 'installed':
      return 'Installed';
    case 'linked':
      return `Using your copy at ${status.path ?? '(unknown)'}`;
  }
}
