import { parseArgs } from 'node:util';

/**
 * The command line's shape: each command declares its words, options and help once, and the same
 * declaration parses the arguments, checks them and prints `--help`. A mistake in the call is a
 * `UsageError`: one line naming the option, then the command's usage, and exit code 1.
 */

/** An option as node's `parseArgs` reads it, plus what the help says about it. */
export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
  default?: string | boolean;
  /** The placeholder of its value in the usage line: `--name N`. */
  value?: string;
  /** Refused when missing or blank, before the command runs. */
  required?: boolean;
  /** One line for `--help`. */
  description: string;
}
export type CliOptions = Record<string, CliOption>;

type ParseConfig<O extends CliOptions> = { args: string[]; options: O; allowPositionals: true; strict: true };
export type CliArgs<O extends CliOptions> = ReturnType<typeof parseArgs<ParseConfig<O>>>;

/** How a command was called wrongly: one line, and the usage to print after it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

export interface CommandSpec<O extends CliOptions, C> {
  /** The words after `forening`: `serve`, `token create`. */
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** The positional arguments as the usage line shows them: `members|workplaces FILE.csv`. None: any is refused. */
  positionals?: string;
  options?: O;
  /** Checks what parsing cannot (a value's form, the positionals), before any configuration or database is needed. */
  check?: (args: CliArgs<O>) => void;
  run: (args: CliArgs<O>, context: C) => Promise<number | void>;
}

/** What a call comes to: the help that was asked for, or the run to start once the context exists. */
export type Prepared<C> = { help: string } | { run: (context: C) => Promise<number | void> };

/** A command with its argument types sealed in, so commands of different options share one table. */
export interface Command<C> {
  /** The first word after `forening`. */
  readonly word: string;
  /** Its usage line(s) and summary, for the list of commands. */
  readonly synopsis: string;
  /** Reads and checks the arguments after the command's words; throws `UsageError` with the usage to print. */
  prepare(args: string[]): Prepared<C>;
}

/** `--help` or `-h` anywhere before a `--`. */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** A command of its own words, as `defineCommand` makes it. */
export interface LeafCommand<C> extends Command<C> {
  /** All its words: `token create`. */
  readonly name: string;
  /** Its usage without "Usage: forening ". */
  readonly usageLine: string;
  readonly help: string;
}

export function defineCommand<const O extends CliOptions, C>(spec: CommandSpec<O, C>): LeafCommand<C> {
  const options = (spec.options ?? {}) as O;
  const help = helpOf(spec.name, spec.positionals, options);
  const usageLine = help.split('\n')[0].replace(/^Usage: forening /, '');
  return {
    word: spec.name.split(' ')[0],
    name: spec.name,
    synopsis: `  ${usageLine}\n      ${spec.summary}`,
    help,
    usageLine,
    prepare(args) {
      if (wantsHelp(args)) return { help };
      try {
        const parsed = parseStrict(args, options);
        if (!spec.positionals && parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
        for (const [name, option] of Object.entries(options)) {
          const value: unknown = (parsed.values as Record<string, unknown>)[name];
          if (option.required && (value === undefined || (typeof value === 'string' && value.trim() === ''))) throw new UsageError(`--${name} is required`);
        }
        spec.check?.(parsed);
        return { run: (context) => spec.run(parsed, context) };
      } catch (err) {
        if (err instanceof UsageError) throw new UsageError(`${spec.name}: ${err.message}`, err.usage ?? help);
        throw err;
      }
    },
  };
}

/** A word with commands under it (`token create`): its help lists theirs; a missing or unknown one is a usage error. */
export function defineGroup<C>(word: string, commands: readonly LeafCommand<C>[]): Command<C> {
  const help = ['Usage:', ...commands.map((c) => `  forening ${c.usageLine}`), '', `Run "forening ${word} <command> --help" for its options.`].join('\n');
  return {
    word,
    synopsis: commands.map((c) => c.synopsis).join('\n'),
    prepare(args) {
      const [sub, ...rest] = args;
      const command = commands.find((c) => c.name === `${word} ${sub}`);
      if (command) return command.prepare(rest);
      if (wantsHelp(args)) return { help };
      const mistake = sub === undefined ? 'a command is missing' : sub.startsWith('-') ? `unknown option ${sub}` : `unknown command "${sub}"`;
      throw new UsageError(`${word}: ${mistake}`, help);
    },
  };
}

function parseStrict<O extends CliOptions>(args: string[], options: O): CliArgs<O> {
  const config: ParseConfig<O> = { args, options, allowPositionals: true, strict: true };
  try {
    return parseArgs(config);
  } catch (err) {
    throw parseArgsMistake(err) ?? err;
  }
}

/** node's parse errors, said in one line without node's advice about `--`. */
function parseArgsMistake(err: unknown): UsageError | null {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : '';
  // The option as the operator typed it: the last of "-e, --email <value>".
  const option = /'([^']+)'/.exec(message)?.[1].split(/,\s*/).pop()?.replace(/\s*<value>$/, '') ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${option}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return new UsageError(/does not take an argument/.test(message) ? `${option} takes no value` : `${option} needs a value`);
  return null;
}

function helpOf(name: string, positionals: string | undefined, options: CliOptions): string {
  const entries = Object.entries(options);
  const call = (long: string, o: CliOption) => `--${long}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
  const synopsis = entries.map(([long, o]) => (o.required ? call(long, o) : `[${call(long, o)}]`));
  const rows: [string, string][] = [...entries.map(([long, o]): [string, string] => [`${o.short ? `-${o.short}, ` : ''}${call(long, o)}`, o.description]), ['-h, --help', 'print this help']];
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [`Usage: forening ${[name, positionals, ...synopsis].filter(Boolean).join(' ')}`, '', 'Options:', ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`)].join('\n');
}
