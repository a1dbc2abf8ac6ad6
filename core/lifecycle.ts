/** What every long-running part (worker, collector, HTTP server) hands back to its process: a way to stop. */
export interface Stoppable {
  close(): Promise<void>;
}
