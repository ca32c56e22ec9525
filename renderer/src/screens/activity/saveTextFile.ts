/**
 * Hands text to the browser's own download, so the person picks where it goes (Electron shows a
 * save dialog). The page never touches the file system itself.
 */
export function saveTextFile(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the download has taken its own reference by then.
  setTimeout(() => { URL.revokeObjectURL(url); }, 0);
}
