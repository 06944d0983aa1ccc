package org.convergepbx.container;

import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Server;
import org.apache.catalina.Service;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Catalina;

/**
 * {@code java -jar pbx-server.jar}: starts Restcomm SIP Servlets on Tomcat 7.0.67, deploys the EAR, checks
 * that every part really started (Catalina logs deployment failures and carries on; this launcher exits
 * non-zero instead), prints the TLS certificate's fingerprint and where SIP (UDP, TCP, TLS), HTTP and HTTPS
 * listen, and stops cleanly on SIGTERM.
 */
public final class PbxServer {
  /** Kept so the JUL configuration is not garbage-collected. */
  private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

  /** Tomcat looks for JSP schemas; this container has no JSP engine, so their absence is expected. */
  private static final Logger DIGESTER_LOG =
      Logger.getLogger("org.apache.catalina.startup.DigesterFactory");

  private final Catalina catalina;
  private final LauncherSettings settings;

  private PbxServer(Catalina catalina, LauncherSettings settings) {
    this.catalina = catalina;
    this.settings = settings;
  }

  public static void main(String[] args) throws InterruptedException {
    long t0 = System.nanoTime();
    // Stored times (call records, registrations) and log lines are in UTC whatever the host's zone is.
    java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
    PbxServer server;
    try {
      server = start(LauncherSettings.fromEnvironment());
    } catch (LaunchException e) {
      System.err.println("pbx-server: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  stopped.countDown();
                },
                "pbx-shutdown"));
    System.out.println(server.readyLine((System.nanoTime() - t0) / 1_000_000));
    stopped.await();
  }

  static PbxServer start(LauncherSettings s) {
    TOMCAT_LOG.setLevel(Level.WARNING);
    DIGESTER_LOG.setLevel(Level.SEVERE);
    PortCheck.requireFree(s);
    CatalinaBase base = CatalinaBase.layOut(s.dataDir());
    if (s.tls().enabled()) {
      TlsKeyStore keyStore =
          TlsKeyStore.prepare(s.tls(), s.dataDir(), TlsKeyStore.commonName(s.domain()), s.bind());
      base.enableTls(s.tls(), keyStore);
      System.setProperty("pbx.tls.keystore", keyStore.path().toString());
      System.setProperty("pbx.tls.keystore.password", keyStore.password());
      System.out.println(
          "TLS certificate SHA-256 " + keyStore.fingerprint() + " ("
              + (keyStore.generated() ? "self-signed, generated in " : "from PBX_TLS_KEYSTORE ")
              + keyStore.path() + ")");
    }
    EarDeployment ear = EarDeployment.explode(s.ear(), base.lib(), base.webapps());
    setContainerProperties(s, base);
    URLClassLoader shared =
        new URLClassLoader(
            ear.sharedLibraries().toArray(new java.net.URL[0]), PbxServer.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(shared);
    Catalina catalina = new Catalina();
    catalina.setParentClassLoader(shared);
    catalina.setUseShutdownHook(false);
    catalina.setAwait(false);
    catalina.load();
    if (catalina.getServer() == null
        || catalina.getServer().getState() != LifecycleState.INITIALIZED) {
      throw new LaunchException(
          "the container could not be initialised (see the log above; is a port in use?)");
    }
    catalina.start();
    PbxServer server = new PbxServer(catalina, s);
    List<String> failures = server.failures(ear);
    if (!failures.isEmpty()) {
      server.stop();
      throw new LaunchException(String.join("; ", failures));
    }
    return server;
  }

  private static void setContainerProperties(LauncherSettings s, CatalinaBase base) {
    System.setProperty("catalina.home", base.root().toString());
    System.setProperty("catalina.base", base.root().toString());
    System.setProperty("pbx.bind", s.bind());
    System.setProperty("pbx.sip.port", String.valueOf(s.sipPort()));
    System.setProperty("pbx.http.port", String.valueOf(s.httpPort()));
    System.setProperty("pbx.http.bind", s.httpBind());
    System.setProperty("pbx.sip.tls.port", String.valueOf(s.tls().sipPort()));
    System.setProperty("pbx.https.port", String.valueOf(s.tls().httpsPort()));
    System.setProperty("pbx.container.dar", base.conf("dar.properties").toUri().toString());
    System.setProperty("pbx.logs", s.dataDir().resolve("logs").toString());
    System.setProperty("log4j.configuration", base.conf("log4j.properties").toUri().toString());
    System.setProperty("derby.stream.error.file", s.dataDir().resolve("logs/derby.log").toString());
    System.setProperty(
        "javax.servlet.sip.ar.spi.SipApplicationRouterProvider",
        "org.mobicents.servlet.sip.router.DefaultApplicationRouterProvider");
    System.setProperty("PBX_DATA_DIR", s.dataDir().toString());
  }

  /** What did not start: the server, a service, a connector, or a web module of the EAR. */
  private List<String> failures(EarDeployment ear) {
    List<String> failures = new ArrayList<>();
    Server server = catalina.getServer();
    if (server.getState() != LifecycleState.STARTED) {
      failures.add("the server is " + server.getState());
    }
    for (Service service : server.findServices()) {
      for (Connector c : service.findConnectors()) {
        if (c.getState() != LifecycleState.STARTED) {
          failures.add(
              "connector " + c.getProtocol() + " on port " + c.getPort() + " is " + c.getState()
                  + " (port in use or address not available?)");
        }
      }
      for (Container host : service.getContainer().findChildren()) {
        for (String module : ear.webModules().keySet()) {
          String path = module.equals("ROOT") ? "" : "/" + module.replace('#', '/');
          Container child = host.findChild(path);
          if (!(child instanceof Context ctx) || ctx.getState() != LifecycleState.STARTED
              || !ctx.getAvailable()) {
            failures.add(
                "web module '" + module + "' did not start"
                    + (child == null ? "" : " (" + child.getState() + ")")
                    + "; the cause is logged above");
          }
        }
      }
    }
    return failures;
  }

  private String readyLine(long millis) {
    String sip = settings.bind() + ":" + settings.sipPort();
    String sipTls =
        settings.tls().sipPort() > 0 ? ", SIP tls " + settings.bind() + ":" + settings.tls().sipPort() : "";
    String https =
        settings.tls().httpsPort() > 0
            ? ", HTTPS https://" + settings.httpBind() + ":" + settings.tls().httpsPort() + "/"
            : "";
    return "Converge PBX ready: SIP udp " + sip + ", SIP tcp " + sip + sipTls + ", HTTP http://"
        + settings.httpBind() + ":" + settings.httpPort() + "/" + https + " (domain "
        + (settings.domain() == null ? "<host name>" : settings.domain()) + ", data "
        + settings.dataDir() + ", started in " + millis + " ms)";
  }

  void stop() {
    try {
      catalina.stop();
    } catch (RuntimeException e) {
      System.err.println("pbx-server: error while stopping: " + e);
    }
    System.out.println("Converge PBX stopped");
  }
}
