/**
 * npm start: the whole add-on offline in the browser. Runs the built bundle (dist/) on the Apps
 * Script emulator against a workbook kept in a JSON file, and serves the preview page.
 *
 *   npm start                          http://127.0.0.1:8787/, ./workbook.json
 *   npm start -- --port 9000           or PORT=9000 npm start
 *   npm start -- --workbook my.json    another workbook file
 *   npm start -- --reset               start again from the demo workbook
 *   npm start -- --locale zh_CN        the menu and new sheets in Chinese
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PortInUseError, startPreview } from '../preview/server';

const USAGE = `Usage: npm start -- [--port 8787] [--workbook ./workbook.json] [--reset] [--locale en_US|zh_CN]`;

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.values.help) {
    console.log(USAGE);
    return;
  }
  const portText = args.values.port ?? process.env.PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${portText}".\n${USAGE}`);
    process.exit(2);
  }
  const workbookPath = resolve(process.cwd(), args.values.workbook ?? 'workbook.json');
  try {
    const preview = await startPreview({ port, workbookPath, reset: args.values.reset === true, locale: args.values.locale });
    console.log(`\nKOC Ops preview: ${preview.url}`);
    console.log(`Workbook file:    ${workbookPath} (saved after every change; --reset starts again from the demo)`);
    console.log('Stop with Ctrl+C.\n');
    const stop = () => {
      preview.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    if (err instanceof PortInUseError) console.error(err.message);
    else console.error(`The preview could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

function parse() {
  return parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      workbook: { type: 'string', short: 'w' },
      reset: { type: 'boolean' },
      locale: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
}

main();
