// Child process for the settings-file tests: opens a SettingsStore on argv[2] and prints
// what it starts with, so a test can bound with a timeout a start-up that might hang.
import { SettingsStore } from '../../../../electron/services/settings/settings-store';

const store = new SettingsStore({ dir: process.argv[2]! });
const rssMb = Math.round(process.memoryUsage().rss / (1024 * 1024));
process.stdout.write(JSON.stringify({ notices: store.notices(), theme: store.get().appearance.theme, rssMb }) + '\n');
