// ESLint rule `stillwater/zones`: which folder may import what (STYLE.md rule 1). Unlike
// no-restricted-imports, which matches the specifier as written, it resolves every specifier to
// what it names — a repo file, an installed package or a Node built-in — so a relative path
// (`../electron/window.ts`, `../../node_modules/electron/index.js`), an absolute path, a tsconfig
// alias, a dynamic import() or an `export … from` cannot slip past it. The zone table is in
// eslint.config.js; tests/unit/lint/zones.test.ts proves each kind of import is caught.
//
// It also keeps the rooms' doors (issue 16): each folder under main/core is a domain whose
// index.ts is the only file other rooms, the handlers, the shell and the scripts may import.
// A room's other files (its queries.ts above all) are private to it, however the path is spelled.
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} Zone
 * @property {string} name          how the message names the importing zone, e.g. 'main/core'
 * @property {string[]} from        repo-relative prefixes of the files in the zone ('main/core/')
 * @property {string[]} [forbidFiles]      repo-relative prefixes (folders end in '/') it may not import
 * @property {string[]} [onlyFilesUnder]   if set, the only repo prefixes it may import
 * @property {string[]} [forbidPackages]   package names it may not import (also when reached by a path into node_modules)
 * @property {boolean} [forbidBuiltins]    true: no Node built-in ('fs', 'node:path', …)
 * @property {string} reason        why, for the message
 */

/**
 * @typedef {object} Doors
 * @property {string} under          repo-relative folder whose sub-folders are rooms ('main/core/')
 * @property {string} door           the one file of a room others may import ('index.ts')
 * @property {string[]} appliesTo    repo-relative prefixes of the files held to the doors ('main/', 'scripts/')
 */

const toPosix = (p) => p.split(path.sep).join('/');

/** 'electron/main' → 'electron'; '@node-rs/argon2/x' → '@node-rs/argon2'. */
const packageName = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each zone (core, db, shell, preload, renderer) to the imports it may use.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          aliases: { type: 'object', additionalProperties: { type: 'string' } },
          zones: { type: 'array', items: { type: 'object' } },
          doors: { type: 'object' },
        },
        required: ['root', 'zones'],
        additionalProperties: false,
      },
    ],
    messages: {
      door: "{{importer}} may import the room '{{room}}' only through its door {{door}}, not {{target}}: a room's other files, its queries and its tables are private to it",
      forbidden: '{{zone}} may not import {{target}}: {{reason}}',
      computed:
        '{{zone}}: this import names its module at run time, so its zone cannot be checked; use a string.',
      unresolved:
        "{{zone}}: '{{specifier}}' is neither a file, an installed package nor a Node built-in, so its zone cannot be checked (an alias? add it to the zones rule's aliases).",
    },
  },

  create(context) {
    const { root, aliases = {}, zones, doors } = context.options[0];
    const self = toPosix(path.relative(root, context.filename));
    /** @type {Zone | undefined} */
    const zone = zones.find((z) => z.from.some((prefix) => self.startsWith(prefix)));
    /** @type {Doors | undefined} */
    const heldToDoors = doors?.appliesTo.some((prefix) => self.startsWith(prefix)) ? doors : undefined;
    if (!zone && !heldToDoors) return {};
    const zoneName = zone?.name ?? self;

    /** The room a repo file stands in ('main/core/notes/queries.ts' → 'notes'), or null. */
    const roomOf = (file) => {
      if (!heldToDoors || !file.startsWith(heldToDoors.under)) return null;
      const rest = file.slice(heldToDoors.under.length).split('/');
      return rest.length > 1 ? rest[0] : null;
    };
    const selfRoom = roomOf(self);

    /** A door message when `file` is another room's private file, else null. */
    const pastTheDoor = (file) => {
      const room = roomOf(file);
      if (room === null || room === selfRoom) return null;
      const door = `${heldToDoors.under}${room}/${heldToDoors.door}`;
      return file === door ? null : { importer: self, room, door, target: file };
    };

    const installed = new Map();
    const isInstalled = (name) => {
      if (!installed.has(name)) installed.set(name, existsSync(path.join(root, 'node_modules', name)));
      return installed.get(name);
    };

    /**
     * What a specifier names: { file } (repo-relative), { pkg }, { builtin }, { outside } (a path
     * outside the repo) or { unresolved }.
     */
    const classify = (raw) => {
      const specifier = raw.replace(/[?#].*$/, ''); // Vite's ?url, ?raw …
      let absolute;
      if (specifier.startsWith('.')) absolute = path.resolve(path.dirname(context.filename), specifier);
      else if (specifier.startsWith('file:')) absolute = fileURLToPath(specifier);
      else if (path.isAbsolute(specifier)) absolute = path.resolve(specifier);
      else {
        if (isBuiltin(specifier)) return { builtin: specifier };
        // An alias ending in '/' maps a prefix ('@core/' → 'main/core/'); any other maps one name.
        const alias = Object.keys(aliases).find((a) =>
          a.endsWith('/') ? specifier.startsWith(a) : specifier === a,
        );
        if (alias !== undefined)
          absolute = path.resolve(root, aliases[alias] + specifier.slice(alias.length));
        else if (isInstalled(packageName(specifier))) return { pkg: packageName(specifier) };
        else return { unresolved: specifier };
      }
      const relative = toPosix(path.relative(root, absolute));
      if (relative.startsWith('../') || path.isAbsolute(relative)) return { outside: absolute };
      const inModules = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(relative);
      if (inModules) return { pkg: inModules[1] };
      return { file: relative };
    };

    const forbiddenTarget = (target) => {
      if (!zone) return null;
      if (target.builtin !== undefined)
        return zone.forbidBuiltins ? `the Node built-in '${target.builtin}'` : null;
      if (target.pkg !== undefined)
        return zone.forbidPackages?.includes(target.pkg) ? `'${target.pkg}'` : null;
      if (target.outside !== undefined) return 'a file outside the repository';
      const file = target.file;
      const matches = (prefix) => file === prefix.replace(/\/$/, '') || file.startsWith(prefix);
      if (zone.forbidFiles?.some(matches)) return file;
      if (zone.onlyFilesUnder && !zone.onlyFilesUnder.some(matches)) return file;
      return null;
    };

    /** The string a specifier node holds, or null when it is computed at run time. */
    const staticString = (node) => {
      if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
      if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
        return node.quasis[0].value.cooked;
      if (node.type === 'Identifier') {
        // `const name = 'fontkit'; import(name)` — a const bound to a string is still static.
        let scope = context.sourceCode.getScope(node);
        while (scope) {
          const variable = scope.set.get(node.name);
          if (variable) {
            const def = variable.defs[0];
            const init =
              def?.node.type === 'VariableDeclarator' && def.parent?.kind === 'const' ? def.node.init : null;
            return init && init.type !== 'Identifier' ? staticString(init) : null;
          }
          scope = scope.upper;
        }
      }
      return null;
    };

    const check = (node) => {
      if (!node) return;
      const specifier = staticString(node);
      if (specifier === null) {
        if (zone) context.report({ node, messageId: 'computed', data: { zone: zoneName } });
        return;
      }
      const target = classify(specifier);
      if (target.unresolved !== undefined) {
        if (zone) context.report({ node, messageId: 'unresolved', data: { zone: zoneName, specifier } });
        return;
      }
      const named = forbiddenTarget(target);
      if (named) {
        context.report({
          node,
          messageId: 'forbidden',
          data: { zone: zoneName, target: named, reason: zone.reason },
        });
        return;
      }
      const door = target.file !== undefined ? pastTheDoor(target.file) : null;
      if (door) context.report({ node, messageId: 'door', data: door });
    };

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // `typeof import('electron')` in a type: erased, but it still ties the zone to that module.
      TSImportType: (node) => {
        // typescript-eslint 8.x names the module `source` (a string Literal); older ones `argument`.
        if (node.source) check(node.source);
        else if (node.argument?.type === 'TSLiteralType') check(node.argument.literal);
      },
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') check(node.moduleReference.expression);
      },
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments.length > 0
        ) {
          check(node.arguments[0]);
        }
      },
    };
  },
};
