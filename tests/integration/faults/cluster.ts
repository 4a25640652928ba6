import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/*
 * A throwaway PostgreSQL 15 cluster for fault tests, so restarting it never disturbs the shared
 * server other tests use. Needs root and Debian's postgresql-common tools; otherwise the tests skip.
 */

export const canRunClusters =
  process.getuid?.() === 0 && existsSync('/usr/bin/pg_createcluster') && existsSync('/usr/lib/postgresql/15/bin/postgres') && spawnSync('pg_ctlcluster', ['--help']).status !== null;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export class Cluster {
  constructor(
    readonly name: string,
    readonly port: number,
  ) {}

  static async create(prefix: string): Promise<Cluster> {
    const cluster = new Cluster(`${prefix}_${process.pid}`, await freePort());
    spawnSync('pg_dropcluster', ['--stop', '15', cluster.name]);
    execFileSync('pg_createcluster', ['15', cluster.name, '--port', String(cluster.port), '--', '--auth=trust'], { stdio: 'ignore' });
    cluster.ctl('start');
    execFileSync('psql', ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres', '-c', 'create database km'], { stdio: 'ignore' });
    return cluster;
  }

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/km`;
  }

  ctl(action: 'start' | 'stop' | 'restart') {
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', '15', this.name, action, ...(action === 'start' ? [] : ['-m', 'fast'])], { stdio: 'ignore' });
  }

  drop() {
    spawnSync('pg_dropcluster', ['--stop', '15', this.name], { stdio: 'ignore' });
  }
}
