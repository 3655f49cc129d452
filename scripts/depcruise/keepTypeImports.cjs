/**
 * A Babel plugin for the dependency rule only (.dependency-cruiser.cjs): dependency-cruiser reads
 * TypeScript through Babel here (TypeScript 7 has no compiler API for it), and Babel's TypeScript
 * preset drops `import type`. A type import is still a dependency between layers, so this plugin
 * turns type-only imports and re-exports into value ones before the preset strips types.
 */
module.exports = function keepTypeImports() {
  const asValue = (path) => {
    if (path.node.importKind === 'type' || path.node.exportKind === 'type') {
      path.node.importKind = 'value';
      path.node.exportKind = 'value';
    }
    for (const specifier of path.node.specifiers ?? []) {
      if (specifier.importKind === 'type') specifier.importKind = 'value';
      if (specifier.exportKind === 'type') specifier.exportKind = 'value';
    }
  };
  return {
    name: 'keep-type-imports',
    // On Program entry: the TypeScript plugin elides type imports on its own Program entry, and
    // plugins run before presets.
    visitor: {
      Program(program) {
        for (const statement of program.get('body')) {
          if (
            statement.isImportDeclaration() ||
            statement.isExportNamedDeclaration() ||
            statement.isExportAllDeclaration()
          )
            asValue(statement);
        }
      },
    },
  };
};
