import { CliError, type Command } from '../command';

export const command: Command = {
  help: 'Usage: npm run --silent cli -- inspect (not implemented yet)',
  async run() {
    throw new CliError('inspect is not implemented yet');
  },
};
