// The --dapr-from help text, apart from source.ts so that `parity --help` loads none of the provisioning.
export const DAPR_FROM_HELP = 'auto (cache, else release, else build), release, build, dir:PATH or installed';
