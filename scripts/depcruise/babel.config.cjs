/** Babel as dependency-cruiser's TypeScript reader (see keepTypeImports.cjs); nothing else uses it. */
module.exports = {
  plugins: [require.resolve('./keepTypeImports.cjs')],
  presets: [['@babel/preset-typescript', { isTSX: true, allExtensions: true, onlyRemoveTypeImports: true }]],
};
