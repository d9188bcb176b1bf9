// Prints the minified size in bytes of each file given: terser for JS (compress + mangle), csso for CSS.
const fs = require("fs");
const path = require("path");
const { minify } = require("terser");
const csso = require("csso");

(async () => {
  const sizes = {};
  for (const file of process.argv.slice(2)) {
    const source = fs.readFileSync(file, "utf8");
    const output = file.endsWith(".css") ? csso.minify(source).css : (await minify(source, { compress: true, mangle: true })).code;
    sizes[path.basename(file)] = Buffer.byteLength(output, "utf8");
  }
  process.stdout.write(JSON.stringify(sizes));
})();
