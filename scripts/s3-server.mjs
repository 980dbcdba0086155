// A local S3-compatible object store for the cluster (s3rver speaks the S3 REST API to the unmodified SDK, ADR 042):
// S3_PORT, S3_DIR (where objects are kept) and S3_BUCKET (made if missing). Stops on SIGTERM.
import S3rver from 's3rver';

const server = new S3rver({
  port: Number(process.env.S3_PORT ?? 4569),
  address: '127.0.0.1',
  silent: true,
  directory: process.env.S3_DIR ?? '.data/s3',
  configureBuckets: [{ name: process.env.S3_BUCKET ?? 'vmeste-media' }],
});
await server.run();
console.log(`[s3] s3rver listening on http://127.0.0.1:${process.env.S3_PORT ?? 4569}`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
