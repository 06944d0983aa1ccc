package org.convergepbx.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The automatic call distributor: who waits in which queue, in what order, and which members ring for whom. It
 * decides only; the SIP side rings the members of each {@link Offer} and reports back what happened. Pure and
 * in memory (its state starts afresh with the server), with time passed in, so its rules are unit-tested.
 *
 * <p>Rules (Asterisk app_queue's, with {@code autofill} and {@code shared_lastcall}): callers are served in the
 * order they joined; each waiting caller who is not being rung, and whose retry pause is over, is offered the
 * members available to it, chosen by the strategy; a member rings for one caller at a time. A member is available
 * when not paused, registered, not ringing, not on a queue call, past its wrap-up time, and (unless the queue
 * rings members in use) not on any other call. Members who did not answer a caller are tried again for that
 * caller only once every other available member has been tried.
 *
 * <p>Thread-safe: every method locks the distributor.
 */
public final class Acd {
  /** What the distributor needs to know of an extension's phones right now. */
  public interface Lines {
    /** The extension has a registered contact. */
    boolean reachable(String extension);

    /** The extension is on a call (as caller or callee), whatever its origin. */
    boolean onCall(String extension);
  }

  /** A member of a queue for one decision, in the queue's member order. */
  public record Member(String extension, boolean dynamic, boolean paused) {}

  /**
   * A queue's rules and members for one decision.
   *
   * @param members static members in configured order, then dynamic agents
   */
  public record Setup(
      String queue,
      QueueStrategy strategy,
      List<Member> members,
      Duration retry,
      Duration wrapUp,
      int maxCallers,
      boolean joinEmpty,
      boolean ringInUse) {
    public Setup {
      members = List.copyOf(members);
    }
  }

  /** Ring these members for this caller (identified by the key it joined with). */
  public record Offer(String caller, String queue, List<String> members) {
    public Offer {
      members = List.copyOf(members);
    }
  }

  /** A caller let in at {@code position} (1 is next), or refused with {@code FULL} or {@code JOINEMPTY}. */
  public record Entry(int position, QueueEvent refusal) {
    public boolean admitted() {
      return refusal == null;
    }
  }

  /** A caller leaving the queue: where it was and how long it waited. */
  public record Departure(String queue, int position, int originalPosition, Duration waited) {}

  /** A waiting caller, for the live view. */
  public record WaitingCaller(String caller, int position, Instant since, List<String> ringing) {}

  /** A member's state, for the live view. */
  public enum MemberState { AVAILABLE, RINGING, BUSY, IN_USE, WRAPUP, PAUSED, UNREACHABLE }

  /** A member as the live view shows it. */
  public record MemberView(
      String extension, boolean dynamic, MemberState state, int calls, Instant lastCall) {}

  /**
   * A waiting caller not {@link #seen} for this long is dropped (its call's session is gone without its end
   * being told), so that it neither holds a place nor keeps members ringing for it. Waiting callers are seen
   * every second.
   */
  public static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final Random random;
  private final Map<String, Line> lines = new HashMap<>();
  private final Map<String, Waiter> waiters = new HashMap<>();
  private final Map<String, Agent> agents = new HashMap<>();

  public Acd(Random random) {
    this.random = random;
  }

  /** A caller asks to join; {@code caller} is its unique key (the call's application-session id). */
  public synchronized Entry join(Setup setup, String caller, Instant now, Lines phones) {
    Line line = line(setup.queue());
    if (setup.maxCallers() > 0 && line.waiting.size() >= setup.maxCallers()) {
      return new Entry(0, QueueEvent.FULL);
    }
    if (!setup.joinEmpty() && !staffed(setup, phones)) {
      return new Entry(0, QueueEvent.JOINEMPTY);
    }
    Waiter w = new Waiter(caller, setup.queue(), now, line.waiting.size() + 1);
    line.waiting.put(caller, w);
    waiters.put(caller, w);
    return new Entry(w.originalPosition, null);
  }

  /** True if some member is neither paused nor unregistered (whether or not busy right now). */
  public synchronized boolean staffed(Setup setup, Lines phones) {
    return setup.members().stream().anyMatch(m -> !m.paused() && phones.reachable(m.extension()));
  }

  /** The caller's position (1 is next), or 0 if it is not waiting. */
  public synchronized int position(String caller) {
    Waiter w = waiters.get(caller);
    if (w == null || w.connectedTo != null) {
      return 0;
    }
    int p = 1;
    for (String key : lines.get(w.queue).waiting.keySet()) {
      if (key.equals(caller)) {
        return p;
      }
      p++;
    }
    return 0;
  }

  /** The caller's wait is still being worked on at {@code now}. */
  public synchronized void seen(String caller, Instant now) {
    Waiter w = waiters.get(caller);
    if (w != null) {
      w.lastSeen = now;
    }
  }

  /** The members ringing for this caller right now. */
  public synchronized Set<String> ringing(String caller) {
    Waiter w = waiters.get(caller);
    return w == null ? Set.of() : Set.copyOf(w.ringing);
  }

  /**
   * New offers for the queue's waiting callers, in their order; the members offered ring for them until
   * {@link #noAnswer}, {@link #connected} or {@link #leave}.
   */
  public synchronized List<Offer> dispatch(Setup setup, Instant now, Lines phones) {
    Line line = line(setup.queue());
    dropStale(line, now);
    List<Offer> offers = new ArrayList<>();
    for (Waiter w : line.waiting.values()) {
      if (!w.ringing.isEmpty() || now.isBefore(w.nextTryAt)) {
        continue;
      }
      List<Member> available = new ArrayList<>();
      for (Member m : setup.members()) {
        if (available(setup, m, now, phones)) {
          available.add(m);
        }
      }
      if (available.isEmpty()) {
        break;
      }
      List<Member> untried = available.stream().filter(m -> !w.tried.contains(m.extension())).toList();
      if (untried.isEmpty()) {
        w.tried.clear();
        untried = available;
      }
      List<String> chosen = choose(setup, line, untried);
      for (String m : chosen) {
        agent(m).ringingFor = w.caller;
        w.ringing.add(m);
      }
      offers.add(new Offer(w.caller, setup.queue(), chosen));
    }
    return offers;
  }

  /**
   * Nobody answered the caller's offer (ring time over, or every leg failed): the members rung are free again,
   * count as tried for this caller, and the caller waits {@code retry} before its next offer.
   *
   * @return the members that were ringing
   */
  public synchronized List<String> noAnswer(String caller, Instant now, Duration retry) {
    Waiter w = waiters.get(caller);
    if (w == null) {
      return List.of();
    }
    List<String> rung = List.copyOf(w.ringing);
    release(w);
    w.tried.addAll(rung);
    w.nextTryAt = now.plus(retry);
    return rung;
  }

  /** The offer was withdrawn (the caller went elsewhere before anyone answered): its members are free. */
  public synchronized void withdraw(String caller) {
    Waiter w = waiters.get(caller);
    if (w != null) {
      release(w);
    }
  }

  /**
   * {@code member} answered the caller: the caller stops waiting, the other members rung for it are free, and the
   * member is on a queue call until {@link #completed}. The queue's hold time estimate takes this wait.
   */
  public synchronized Optional<Departure> connected(String caller, String member, Instant now) {
    Waiter w = waiters.get(caller);
    if (w == null || w.connectedTo != null) {
      return Optional.empty();
    }
    Departure d = departure(w, now);
    release(w);
    Line line = lines.get(w.queue);
    line.waiting.remove(caller);
    w.connectedTo = member;
    agent(member).onCallFrom = w.queue;
    line.holdTime(d.waited());
    return Optional.of(d);
  }

  /**
   * The caller's call ended or it left the queue: a waiting caller is removed (its members freed); a caller
   * connected to a member ends the member's queue call, which starts the member's wrap-up time.
   *
   * @return where a waiting caller was, or empty if it was not waiting
   */
  public synchronized Optional<Departure> leave(String caller, Instant now, Duration wrapUp) {
    Waiter w = waiters.get(caller);
    if (w == null) {
      return Optional.empty();
    }
    Departure d = departure(w, now);
    waiters.remove(caller);
    Line line = lines.get(w.queue);
    if (w.connectedTo != null) {
      Agent a = agent(w.connectedTo);
      a.onCallFrom = null;
      a.wrapUpUntil = now.plus(wrapUp);
      line.lastCall.put(w.connectedTo, now);
      line.calls.merge(w.connectedTo, 1, Integer::sum);
      return Optional.empty();
    }
    release(w);
    line.waiting.remove(caller);
    return Optional.of(d);
  }

  /** The queue's estimated hold time (Asterisk's running average of the waits of answered callers). */
  public synchronized Duration estimatedHold(String queue) {
    Line line = lines.get(queue);
    return line == null ? Duration.ZERO : Duration.ofMillis(line.holdMillis);
  }

  /** The queue's waiting callers, in order. */
  public synchronized List<WaitingCaller> waiting(String queue) {
    Line line = lines.get(queue);
    if (line == null) {
      return List.of();
    }
    List<WaitingCaller> list = new ArrayList<>();
    int p = 1;
    for (Waiter w : line.waiting.values()) {
      list.add(new WaitingCaller(w.caller, p++, w.joinedAt, List.copyOf(w.ringing)));
    }
    return list;
  }

  /** The queue's members and their states now. */
  public synchronized List<MemberView> members(Setup setup, Instant now, Lines phones) {
    Line line = line(setup.queue());
    List<MemberView> views = new ArrayList<>();
    for (Member m : setup.members()) {
      views.add(new MemberView(
          m.extension(), m.dynamic(), state(setup, m, now, phones), line.calls.getOrDefault(m.extension(), 0),
          line.lastCall.get(m.extension())));
    }
    return views;
  }

  private MemberState state(Setup setup, Member m, Instant now, Lines phones) {
    Agent a = agents.get(m.extension());
    if (m.paused()) {
      return MemberState.PAUSED;
    }
    if (a != null && a.ringingFor != null) {
      return MemberState.RINGING;
    }
    if (a != null && a.onCallFrom != null) {
      return MemberState.BUSY;
    }
    if (!phones.reachable(m.extension())) {
      return MemberState.UNREACHABLE;
    }
    if (a != null && now.isBefore(a.wrapUpUntil)) {
      return MemberState.WRAPUP;
    }
    return phones.onCall(m.extension()) ? MemberState.IN_USE : MemberState.AVAILABLE;
  }

  private boolean available(Setup setup, Member m, Instant now, Lines phones) {
    MemberState s = state(setup, m, now, phones);
    return s == MemberState.AVAILABLE || (s == MemberState.IN_USE && setup.ringInUse());
  }

  private List<String> choose(Setup setup, Line line, List<Member> candidates) {
    List<String> names = candidates.stream().map(Member::extension).toList();
    return switch (setup.strategy()) {
      case RINGALL -> names;
      case LINEAR -> List.of(names.get(0));
      case RANDOM -> List.of(names.get(random.nextInt(names.size())));
      case LEASTRECENT -> List.of(names.stream()
          .min(Comparator.comparing(n -> line.lastCall.getOrDefault(n, Instant.MIN)))
          .orElseThrow());
      case FEWESTCALLS -> List.of(names.stream()
          .min(Comparator.comparing(n -> line.calls.getOrDefault(n, 0)))
          .orElseThrow());
      case RRMEMORY -> List.of(nextInRound(setup, line, names));
    };
  }

  /** The first candidate after the member rung last for this queue, going round the member list. */
  private static String nextInRound(Setup setup, Line line, List<String> candidates) {
    List<String> all = setup.members().stream().map(Member::extension).toList();
    int start = line.lastRung == null ? 0 : all.indexOf(line.lastRung) + 1;
    for (int i = 0; i < all.size(); i++) {
      String m = all.get((start + i) % all.size());
      if (candidates.contains(m)) {
        line.lastRung = m;
        return m;
      }
    }
    line.lastRung = candidates.get(0);
    return candidates.get(0);
  }

  private void dropStale(Line line, Instant now) {
    Instant limit = now.minus(STALE_AFTER);
    List<Waiter> stale = line.waiting.values().stream().filter(w -> w.lastSeen.isBefore(limit)).toList();
    for (Waiter w : stale) {
      release(w);
      line.waiting.remove(w.caller);
      waiters.remove(w.caller);
    }
  }

  private Departure departure(Waiter w, Instant now) {
    return new Departure(w.queue, position(w.caller), w.originalPosition, Duration.between(w.joinedAt, now));
  }

  private void release(Waiter w) {
    for (String m : w.ringing) {
      Agent a = agents.get(m);
      if (a != null && w.caller.equals(a.ringingFor)) {
        a.ringingFor = null;
      }
    }
    w.ringing.clear();
  }

  private Line line(String queue) {
    return lines.computeIfAbsent(queue, q -> new Line());
  }

  private Agent agent(String extension) {
    return agents.computeIfAbsent(extension, e -> new Agent());
  }

  /** A queue's waiting callers and its per-member history. */
  private static final class Line {
    final LinkedHashMap<String, Waiter> waiting = new LinkedHashMap<>();
    final Map<String, Instant> lastCall = new HashMap<>();
    final Map<String, Integer> calls = new HashMap<>();
    String lastRung;
    long holdMillis;

    void holdTime(Duration waited) {
      holdMillis = holdMillis == 0 ? waited.toMillis() : (holdMillis * 3 + waited.toMillis()) / 4;
    }
  }

  /** A caller in a queue, from joining until its call ends. */
  private static final class Waiter {
    final String caller;
    final String queue;
    final Instant joinedAt;
    final int originalPosition;
    final Set<String> ringing = new LinkedHashSet<>();
    final Set<String> tried = new HashSet<>();
    Instant nextTryAt = Instant.MIN;
    Instant lastSeen;
    String connectedTo;

    Waiter(String caller, String queue, Instant joinedAt, int originalPosition) {
      this.caller = caller;
      this.queue = queue;
      this.joinedAt = joinedAt;
      this.originalPosition = originalPosition;
      this.lastSeen = joinedAt;
    }
  }

  /** A member's state across queues. */
  private static final class Agent {
    String ringingFor;
    String onCallFrom;
    Instant wrapUpUntil = Instant.MIN;
  }
}
