import { CliError, type Command } from '../command';

export const command: Command = {
  help: 'Usage: npm run --silent cli -- run (not implemented yet)',
  async run() {
    throw new CliError('run is not implemented yet');
  },
};
