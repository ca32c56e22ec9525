/** `import path from '…/file.png?asset'`: electron-vite resolves the import to the file's path at run time. */
declare module '*?asset' {
  const path: string;
  export default path;
}

/** `import path from '…/worker.ts?modulePath'`: electron-vite bundles the module as its own file and resolves the import to that file's path. */
declare module '*?modulePath' {
  const path: string;
  export default path;
}
