/** `import path from '…/file.png?asset'`: electron-vite resolves the import to the file's path at run time. */
declare module '*?asset' {
  const path: string;
  export default path;
}
