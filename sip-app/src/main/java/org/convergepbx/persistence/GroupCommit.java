package org.convergepbx.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes from many threads committed in shared transactions (group commit). {@link #write} returns only once
 * the transaction holding its work has committed, so a write is exactly as durable as with a transaction of its
 * own; but the writes that arrive while one transaction commits all go into the next one, which pays one
 * database round and one log flush for all of them. One writer thread does the work, in arrival order.
 *
 * <p>If a shared transaction fails, each of its writes is retried alone, so one bad write fails only its own
 * caller. A caller that waits longer than the timeout gets an exception, although its write may still commit.
 */
public final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private final Database db;
  private final int maxBatch;
  private final Duration timeout;
  private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean open = true;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong committedWrites = new AtomicLong();

  public GroupCommit(Database db, String name, int maxBatch, Duration timeout) {
    this.db = db;
    this.maxBatch = maxBatch;
    this.timeout = timeout;
    this.writer = new Thread(this::drain, name);
    writer.setDaemon(true);
    writer.start();
  }

  /** Runs {@code work} in a transaction shared with other writers and returns once that has committed. */
  public <T> T write(Function<EntityManager, T> work) {
    if (!open) {
      throw new IllegalStateException("the database writer is closed");
    }
    Write<T> w = new Write<>(work);
    queue.add(w);
    try {
      return w.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a commit", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no commit within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private void drain() {
    List<Write<?>> batch = new ArrayList<>(maxBatch);
    while (open || !queue.isEmpty()) {
      try {
        Write<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("database writer failed", e);
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Write<?>> batch) {
    try {
      db.inTransaction(
          em -> {
            for (Write<?> w : batch) {
              w.apply(em);
            }
            return null;
          });
      commits.incrementAndGet();
      committedWrites.addAndGet(batch.size());
      batch.forEach(Write::complete);
    } catch (RuntimeException shared) {
      if (batch.size() == 1) {
        batch.get(0).done.completeExceptionally(shared);
        return;
      }
      for (Write<?> w : batch) {
        try {
          db.inTransaction(
              em -> {
                w.apply(em);
                return null;
              });
          commits.incrementAndGet();
          committedWrites.incrementAndGet();
          w.complete();
        } catch (RuntimeException alone) {
          w.done.completeExceptionally(alone);
        }
      }
    }
  }

  /** Transactions committed so far. */
  public long commits() {
    return commits.get();
  }

  /** Writes committed so far; divided by {@link #commits()}, the average batch. */
  public long committedWrites() {
    return committedWrites.get();
  }

  /** Stops taking writes, commits those already queued, and stops the writer thread. */
  @Override
  public void close() {
    open = false;
    try {
      writer.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Write<T> {
    private final Function<EntityManager, T> work;
    private final CompletableFuture<T> done = new CompletableFuture<>();
    private T result;

    Write(Function<EntityManager, T> work) {
      this.work = work;
    }

    void apply(EntityManager em) {
      result = work.apply(em);
    }

    void complete() {
      done.complete(result);
    }
  }
}
