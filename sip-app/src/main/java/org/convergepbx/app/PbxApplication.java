package org.convergepbx.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.servlet.ServletContext;
import org.convergepbx.accounting.AccountingService;
import org.convergepbx.accounting.JpaCallRecordRepository;
import org.convergepbx.audit.AuditService;
import org.convergepbx.audit.JpaAuditRepository;
import org.convergepbx.blacklist.BlacklistService;
import org.convergepbx.blacklist.JpaBlacklistRepository;
import org.convergepbx.config.Setting;
import org.convergepbx.config.Settings;
import org.convergepbx.daynight.DayNightService;
import org.convergepbx.daynight.JpaDayNightRepository;
import org.convergepbx.extension.ExtensionService;
import org.convergepbx.extension.JpaExtensionRepository;
import org.convergepbx.persistence.Database;
import org.convergepbx.persistence.GroupCommit;
import org.convergepbx.call.CallControl;
import org.convergepbx.call.CallsIndex;
import org.convergepbx.call.LinesInUse;
import org.convergepbx.call.MediaSettings;
import org.convergepbx.ivr.IvrService;
import org.convergepbx.ivr.JpaIvrRepository;
import org.convergepbx.queue.Acd;
import org.convergepbx.queue.JpaQueueLogRepository;
import org.convergepbx.queue.JpaQueueRepository;
import org.convergepbx.queue.QueueService;
import org.convergepbx.trunk.JpaTrunkRepository;
import org.convergepbx.trunk.TrunkChannels;
import org.convergepbx.trunk.TrunkHealth;
import org.convergepbx.trunk.TrunkRegistrations;
import org.convergepbx.trunk.RouteService;
import org.convergepbx.trunk.TrunkService;
import org.convergepbx.recording.JpaRecordingRepository;
import org.convergepbx.recording.RecordingService;
import org.convergepbx.registrar.Binding;
import org.convergepbx.voicemail.VoicemailMailer;
import org.convergepbx.voicemail.JpaMailboxRepository;
import org.convergepbx.voicemail.VoicemailService;
import org.convergepbx.registrar.JpaLocationService;
import org.convergepbx.registrar.LocationService;
import org.convergepbx.registrar.RegistrarPolicy;
import org.convergepbx.registrar.RegistrarService;
import org.convergepbx.followme.FollowMeService;
import org.convergepbx.forwarding.ForwardingService;
import org.convergepbx.forwarding.JpaCallForwardRepository;
import org.convergepbx.followme.JpaFollowMeRepository;
import org.convergepbx.ringgroup.JpaRingGroupRepository;
import org.convergepbx.ringgroup.RingGroupService;
import org.convergepbx.routing.CallRouter;
import org.convergepbx.security.AdminService;
import org.convergepbx.security.Defences;
import org.convergepbx.security.LoginThrottle;
import org.convergepbx.security.DigestAuthenticator;
import org.convergepbx.security.NonceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the converged application: one instance per deployment, shared by the SIP servlets
 * and the HTTP servlets through the servlet context.
 */
public final class PbxApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PbxApplication.class);
  private static final String ATTRIBUTE = PbxApplication.class.getName();
  private static final long PURGE_INTERVAL_SECONDS = 60;
  /** Most call-record writes one commit carries. */
  private static final int CDR_BATCH = 256;
  /** A call whose record is not committed by then is refused (503) rather than rung without a record. */
  private static final Duration CDR_COMMIT_TIMEOUT = Duration.ofSeconds(10);

  private final Settings settings;
  private final Clock clock;
  private final Database database;
  private final LocationService locations;
  private final ExtensionService extensions;
  private final RingGroupService ringGroups;
  private final FollowMeService followMe;
  private final ForwardingService forwarding;
  private final BlacklistService blacklist;
  private final DayNightService dayNight;
  private final RecordingService recordings;
  private final IvrService ivrs;
  private final QueueService queues;
  private final TrunkService trunks;
  private final TrunkHealth trunkHealth = new TrunkHealth();
  private final TrunkRegistrations trunkRegistrations = new TrunkRegistrations();
  private final TrunkChannels trunkChannels = new TrunkChannels();
  private final ScheduledExecutorService probeThread =
      Executors.newSingleThreadScheduledExecutor(daemon("pbx-trunk-probes"));
  private final RouteService routes;
  private final Acd acd = new Acd(new SecureRandom());
  private final LinesInUse linesInUse = new LinesInUse();
  private final QueuePhones phones;
  private final MediaSettings.DirectDial directDial;
  private final VoicemailService voicemail;
  /** Its own thread, so that the overload guard keeps seeing the load when other work is slow. */
  private final ScheduledExecutorService loadSampler =
      Executors.newSingleThreadScheduledExecutor(daemon("pbx-load-sampler"));
  private final ExecutorService mailThread = Executors.newSingleThreadExecutor(daemon("pbx-mail"));
  private final ScheduledExecutorService mediaClock = Executors.newScheduledThreadPool(1, daemon("pbx-rtp-clock"));
  private final RegistrarService registrar;
  private final DigestAuthenticator authenticator;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Defences defences;
  private final CallRouter router;
  private final AdminService admins;
  private final LoginThrottle logins;
  private final AuditService audit;
  private final AccountingService accounting;
  private final GroupCommit cdrWrites;
  private final CallsIndex calls = new CallsIndex();
  private final ScheduledThreadPoolExecutor callTimers = newCallTimers();
  private volatile CallControl callControl;
  private final ScheduledExecutorService housekeeping =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "pbx-housekeeping");
            t.setDaemon(true);
            return t;
          });

  PbxApplication(Settings settings, Clock clock, ClassLoader classLoader) {
    this.settings = settings;
    this.clock = clock;
    this.database =
        Database.open(
            settings.databaseUrl(),
            settings.get(Setting.PBX_DB_USER).orElse(null),
            settings.get(Setting.PBX_DB_PASSWORD).orElse(null),
            classLoader);
    String realm = settings.domain();
    JpaExtensionRepository extensionRepository = new JpaExtensionRepository(database);
    this.locations = new JpaLocationService(database);
    this.phones = new QueuePhones(locations, linesInUse, clock);
    JpaRingGroupRepository ringGroupRepository = new JpaRingGroupRepository(database);
    JpaFollowMeRepository followMeRepository = new JpaFollowMeRepository(database);
    JpaCallForwardRepository forwardRepository = new JpaCallForwardRepository(database);
    JpaDayNightRepository dayNightRepository = new JpaDayNightRepository(database);
    JpaIvrRepository ivrRepository = new JpaIvrRepository(database);
    JpaQueueRepository queueRepository = new JpaQueueRepository(database);
    this.extensions =
        new ExtensionService(
            extensionRepository, locations, realm, clock,
            n -> ringGroupRepository.exists(n) || ivrRepository.exists(n) || queueRepository.exists(n));
    Destinations destinations =
        new Destinations(
            extensionRepository, ringGroupRepository, followMeRepository, forwardRepository, dayNightRepository,
            ivrRepository, queueRepository);
    this.ringGroups =
        new RingGroupService(
            ringGroupRepository,
            extensionRepository::exists,
            destinations::exists,
            destinations::onwards,
            clock,
            new SecureRandom());
    this.followMe =
        new FollowMeService(
            followMeRepository, extensionRepository::exists, destinations::exists, destinations::onwards, clock);
    this.forwarding =
        new ForwardingService(forwardRepository, extensionRepository::exists, destinations::onwards, clock);
    this.registrar =
        new RegistrarService(
            locations,
            new RegistrarPolicy(
                settings.intValue(Setting.PBX_REGISTER_MIN_EXPIRES),
                settings.intValue(Setting.PBX_REGISTER_DEFAULT_EXPIRES),
                settings.intValue(Setting.PBX_REGISTER_MAX_EXPIRES),
                settings.intValue(Setting.PBX_REGISTER_MAX_CONTACTS)),
            clock);
    JpaTrunkRepository trunkRepository = new JpaTrunkRepository(database);
    this.trunks = new TrunkService(trunkRepository, trunkChannels, extensionRepository::exists, clock);
    this.defences = new Defences(settings, new TrunkPeers(trunks, clock), meters, clock);
    this.authenticator =
        new DigestAuthenticator(
            realm,
            new NonceManager(settings.intValue(Setting.PBX_NONCE_TTL), clock),
            (user, algorithm) ->
                extensionRepository
                    .find(user)
                    .filter(e -> realm.equals(e.realm()))
                    .map(e -> e.ha1(algorithm))
                    .or(() -> trunks.peerSecret(user).map(secret -> algorithm.ha1(user, realm, secret))),
            defences.digestAlgorithms(),
            defences.auth());
    this.dayNight = new DayNightService(dayNightRepository, destinations::exists, destinations::onwards, clock);
    String smtpHost = settings.get(Setting.PBX_SMTP_HOST).orElse(null);
    this.voicemail =
        new VoicemailService(
            settings.dataDir().resolve("voicemail"),
            number -> extensionRepository.find(number).map(e -> e.email()).filter(m -> m != null && !m.isBlank()),
            smtpHost == null
                ? null
                : new VoicemailMailer(
                    smtpHost,
                    settings.positiveInt(Setting.PBX_SMTP_PORT),
                    settings.get(Setting.PBX_SMTP_FROM).orElse("pbx@" + settings.domain())),
            mailThread,
            new JpaMailboxRepository(database),
            clock);
    this.recordings =
        new RecordingService(new JpaRecordingRepository(database), settings.dataDir().resolve("recordings"), clock);
    this.directDial =
        new MediaSettings.DirectDial() {
          @Override
          public boolean isExtension(String number) {
            return extensionRepository.exists(number);
          }

          @Override
          public boolean longerNumberBegins(String prefix) {
            return extensionRepository.longerNumberBegins(prefix);
          }
        };
    this.ivrs =
        new IvrService(
            ivrRepository,
            n -> extensionRepository.exists(n) || ringGroupRepository.exists(n) || queueRepository.exists(n),
            destinations::exists,
            name -> recordings.find(name).isPresent(),
            clock);
    this.queues =
        new QueueService(
            queueRepository,
            new JpaQueueLogRepository(database),
            extensionRepository::exists,
            n -> extensionRepository.exists(n) || ringGroupRepository.exists(n) || ivrRepository.exists(n),
            destinations::exists,
            destinations::onwards,
            name -> recordings.find(name).isPresent(),
            clock);
    this.blacklist = new BlacklistService(new JpaBlacklistRepository(database), destinations::exists, clock);
    this.routes = new RouteService(trunkRepository, extensionRepository::exists, destinations::exists, clock);
    this.router =
        new CallRouter(
            new ServiceDialPlan(
                extensionRepository, locations, clock, ringGroups, followMe, destinations, dayNight, blacklist,
                trunks, routes, trunkHealth, trunkChannels, defences.internationalPrefixes()),
            Duration.ofSeconds(settings.positiveInt(Setting.PBX_RING_TIMEOUT)));
    this.admins = new AdminService(database, clock);
    this.logins =
        new LoginThrottle(
            clock,
            settings.positiveInt(Setting.PBX_HTTP_LOCKOUT_FAILURES),
            settings.positiveInt(Setting.PBX_HTTP_LOCKOUT_ADDRESS_FAILURES),
            Duration.ofSeconds(settings.positiveInt(Setting.PBX_HTTP_LOCKOUT_SECONDS)));
    this.audit = new AuditService(new JpaAuditRepository(database), clock);
    this.cdrWrites = new GroupCommit(database, "pbx-cdr-writer", CDR_BATCH, CDR_COMMIT_TIMEOUT);
    this.accounting =
        new AccountingService(
            new JpaCallRecordRepository(database, cdrWrites),
            clock,
            Duration.ofSeconds(settings.positiveInt(Setting.PBX_MAX_CALL_DURATION)));
    int heartbeat = settings.positiveInt(Setting.PBX_CDR_HEARTBEAT);
    Duration staleAfter = Duration.ofSeconds(3L * heartbeat);
    reconcileOrphans(staleAfter);
    housekeeping.scheduleWithFixedDelay(
        this::purgeExpiredBindings, 0, PURGE_INTERVAL_SECONDS, TimeUnit.SECONDS);
    housekeeping.scheduleWithFixedDelay(
        () ->
            guarded(
                "call record heartbeat",
                () -> {
                  accounting.heartbeat();
                  reconcileOrphans(staleAfter);
                }),
        heartbeat,
        heartbeat,
        TimeUnit.SECONDS);
    housekeeping.scheduleWithFixedDelay(
        () -> guarded("closing overdue call records", this::closeOverdueRecords),
        PURGE_INTERVAL_SECONDS, PURGE_INTERVAL_SECONDS, TimeUnit.SECONDS);
    loadSampler.scheduleAtFixedRate(
        () -> guarded("sampling the load", defences.overload()::sample), 0, 1, TimeUnit.SECONDS);
  }

  /** One thread; a timer cancelled because its call ended leaves the queue at once (calls last hours). */
  private static ScheduledThreadPoolExecutor newCallTimers() {
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "pbx-call-timers");
              t.setDaemon(true);
              return t;
            });
    timers.setRemoveOnCancelPolicy(true);
    return timers;
  }

  /** The instance of the application the context belongs to. */
  public static PbxApplication from(ServletContext context) {
    Object app = context.getAttribute(ATTRIBUTE);
    if (app == null) {
      throw new IllegalStateException("the PBX application is not initialised in this context");
    }
    return (PbxApplication) app;
  }

  void attachTo(ServletContext context) {
    context.setAttribute(ATTRIBUTE, this);
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public LocationService locations() {
    return locations;
  }

  public ExtensionService extensions() {
    return extensions;
  }

  public RingGroupService ringGroups() {
    return ringGroups;
  }

  public FollowMeService followMe() {
    return followMe;
  }

  public ForwardingService forwarding() {
    return forwarding;
  }

  public BlacklistService blacklist() {
    return blacklist;
  }

  public DayNightService dayNight() {
    return dayNight;
  }

  public IvrService ivrs() {
    return ivrs;
  }

  public QueueService queues() {
    return queues;
  }

  public TrunkService trunks() {
    return trunks;
  }

  public RouteService routes() {
    return routes;
  }

  /** Trunks' registrations to their peers. */
  public TrunkRegistrations trunkRegistrations() {
    return trunkRegistrations;
  }

  /** The calls each trunk carries now. */
  public TrunkChannels trunkChannels() {
    return trunkChannels;
  }

  /** Whether trunks' peers answer their OPTIONS probes. */
  public TrunkHealth trunkHealth() {
    return trunkHealth;
  }

  /** The thread that probes trunks (its own, so that a slow DNS lookup delays no call). */
  public ScheduledExecutorService probeThread() {
    return probeThread;
  }

  /** The automatic call distributor of the queues (live state: who waits, who rings). */
  public Acd acd() {
    return acd;
  }

  /** Which extensions are on an answered call (fed by the SIP side's call events). */
  public LinesInUse linesInUse() {
    return linesInUse;
  }

  /** Queue members' phones: registered (checked at most once a second each), and on a call. */
  public Acd.Lines phones() {
    return phones;
  }

  /** Extension numbers for IVR direct dial. */
  public MediaSettings.DirectDial directDial() {
    return directDial;
  }

  public RecordingService recordings() {
    return recordings;
  }

  public VoicemailService voicemail() {
    return voicemail;
  }

  /** The real-time clock that paces the server's outgoing RTP. */
  public ScheduledExecutorService mediaClock() {
    return mediaClock;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  public RegistrarService registrar() {
    return registrar;
  }

  /** The metrics of this node, in Prometheus form. */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** Bans, flood and password-guessing guards, call limits and the overload guard. */
  public Defences defences() {
    return defences;
  }

  public DigestAuthenticator authenticator() {
    return authenticator;
  }

  public CallRouter router() {
    return router;
  }

  public AdminService admins() {
    return admins;
  }

  /** Lockout of HTTP logins after repeated failures. */
  public LoginThrottle logins() {
    return logins;
  }

  /** The audit log of configuration changes through the HTTP API. */
  public AuditService audit() {
    return audit;
  }

  public CallsIndex calls() {
    return calls;
  }

  public AccountingService accounting() {
    return accounting;
  }

  /**
   * The timer thread of calls (ring time, maximum duration, hang-ups); the work itself runs on the container's
   * threads under each call's session lock.
   */
  public ScheduledExecutorService callTimers() {
    return callTimers;
  }

  /** Set once by the SIP servlet, which owns the container's SIP factory, when it starts. */
  public void bindCallControl(CallControl control) {
    this.callControl = control;
  }

  /** Live-call actions for the HTTP side; available once the SIP servlet has started. */
  public CallControl callControl() {
    CallControl control = callControl;
    if (control == null) {
      throw new IllegalStateException("the SIP side of the application has not started");
    }
    return control;
  }

  /** Registered contacts right now. */
  public List<Binding> bindingsOf(String aor) {
    return locations.lookup(aor, clock.instant());
  }

  private void purgeExpiredBindings() {
    guarded(
        "purging expired registrations",
        () -> {
          int purged = locations.purgeExpired(Instant.now(clock));
          if (purged > 0) {
            LOG.info("Purged {} expired registrations", purged);
          }
        });
  }

  private void reconcileOrphans(Duration staleAfter) {
    int reconciled = accounting.reconcile(staleAfter);
    if (reconciled > 0) {
      LOG.warn("Closed {} call record(s) left open by an earlier stop, from their last-seen time", reconciled);
    }
  }

  private void closeOverdueRecords() {
    int closed = accounting.closeOverdue();
    if (closed > 0) {
      LOG.warn("Closed {} call record(s) that exceeded PBX_MAX_CALL_DURATION", closed);
    }
  }

  /** Runs a housekeeping task; a failure is logged and the next run tries again. */
  private static void guarded(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed: {}", what, e.toString());
    }
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    loadSampler.shutdownNow();
    probeThread.shutdownNow();
    callTimers.shutdownNow();
    mediaClock.shutdownNow();
    mailThread.shutdown();
    cdrWrites.close();
    database.close();
  }
}
