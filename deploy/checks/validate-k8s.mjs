// Validates Kubernetes objects offline against the API schemas shipped in the npm package kubernetes-models.
//   node validate-k8s.mjs objects.json      (a JSON array of objects, e.g. `kubectl kustomize` output)
// Two passes per object:
//  1. schema: the package's generated JSON-schema validator (types, required fields, enums, formats);
//  2. strict: every field must exist in the API type (the TypeScript compiler's excess-property check on
//     the package's type declarations), so a misspelt field such as `livenesProbe` fails instead of being
//     silently dropped by the API server.
// Prints one JSON object: {objects: [{index, apiVersion, kind, name, status, errors}]}; status is
// "valid", "invalid" or "unknown" (no schema for that apiVersion/kind in the package).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const objects = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

function modulePath(apiVersion) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return group === "" ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
}

const results = [];
const typed = []; // objects with a known type, for the strict pass
for (const [index, object] of objects.entries()) {
  const { apiVersion = "", kind = "" } = object;
  const name = object.metadata?.name ?? "";
  let model;
  try {
    model = (await import(modulePath(apiVersion)))[kind];
  } catch {
    model = undefined;
  }
  if (typeof model !== "function") {
    results.push({ index, apiVersion, kind, name, status: "unknown", errors: [] });
    continue;
  }
  const errors = [];
  try {
    new model(object).validate();
  } catch (e) {
    for (const err of e.errors ?? [{ instancePath: "", message: String(e.message) }]) {
      errors.push(`schema: ${err.instancePath || "/"} ${err.message}${err.params ? " " + JSON.stringify(err.params) : ""}`);
    }
  }
  results.push({ index, apiVersion, kind, name, status: errors.length ? "invalid" : "valid", errors });
  typed.push({ index, apiVersion, kind, object });
}

// Strict pass: one `const` per object, typed with the API interface, checked by the TypeScript compiler.
if (typed.length > 0) {
  const lines = [];
  const lineOf = new Map();
  for (const { index, apiVersion, kind } of typed) {
    lines.push(`import type { I${kind} as T${index} } from "${modulePath(apiVersion)}/${kind}";`);
  }
  for (const { index, object } of typed) {
    lineOf.set(lines.length, index);
    lines.push(`export const o${index}: T${index} = ${JSON.stringify(object)};`);
  }
  const file = path.join(here, `strict-check-${process.pid}.ts`);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  try {
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, skipLibCheck: true, types: [],
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    });
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
      const index = lineOf.get(line);
      const target = index === undefined ? undefined : results.find((r) => r.index === index);
      if (target) {
        target.errors.push(`strict: ${message}`);
        target.status = "invalid";
      } else {
        results.push({ index: -1, apiVersion: "", kind: "", name: "", status: "invalid", errors: [`strict: ${message}`] });
      }
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
}

process.stdout.write(JSON.stringify({ objects: results }) + "\n");
