// Imported first by the benchmark: graphql-js decides at load time whether to run its development-only
// checks, so NODE_ENV must match the Dockerfile's before anything loads it (an explicit value wins).
process.env.NODE_ENV ??= 'production';
