// Folders that installs, builds and runs produce inside a sample (dependencies, build output, the
// CLI's `.dapr/logs`) and version control: never a sample's own files. The scratch copy does not
// mirror them, an install's input folder does not hash them, and nothing searches them for
// READMEs or components.
export const GENERATED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.venv', 'venv', 'target', '.git', 'bin', 'obj', '.dapr', '__pycache__', '.gradle']);
