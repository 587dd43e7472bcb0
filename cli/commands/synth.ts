import { CliError, type Command } from '../command';

export const command: Command = {
  help: 'Usage: npm run --silent cli -- synth (not implemented yet)',
  async run() {
    throw new CliError('synth is not implemented yet');
  },
};
