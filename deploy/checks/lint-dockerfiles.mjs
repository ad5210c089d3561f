// Lints Dockerfiles with dockerfile-utils (the linter behind the VS Code Docker extension): syntax,
// unknown instructions and flags, duplicate CMD/ENTRYPOINT/HEALTHCHECK, invalid ports, deprecated forms.
//   node lint-dockerfiles.mjs FILE...
// Prints one JSON object: {files: [{file, diagnostics: [{line, severity, code, message}]}]}.
// (hadolint is not installable from the registries this project uses; the deploy-checks module adds
// its best-practice rules as a structural test.)
import fs from "node:fs";
import { validate } from "dockerfile-utils";

const files = process.argv.slice(2).map((file) => ({
  file,
  diagnostics: validate(fs.readFileSync(file, "utf8")).map((d) => ({
    line: d.range.start.line + 1,
    severity: d.severity === 1 ? "error" : d.severity === 2 ? "warning" : "info",
    code: d.code,
    message: d.message,
  })),
}));
process.stdout.write(JSON.stringify({ files }) + "\n");
