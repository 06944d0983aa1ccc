package org.convergepbx.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that run against the real converged container (Restcomm SIP Servlets on embedded Tomcat 7,
 * through Arquillian) with the application deployed exactly as built (web-app/target/pbx.war).
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ContainerTest {
  protected static final int SIP_PORT = Integer.getInteger("it.sip.port");
  protected static final int HTTP_PORT = Integer.getInteger("it.http.port");
  protected static final String SERVER = "127.0.0.1";
  protected static final long TIMEOUT = 5000;

  protected AdminApi api;
  protected Phones phones;

  @Deployment(testable = false)
  public static WebArchive application() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("pbx.war")));
  }

  @BeforeEach
  void connect() {
    api = new AdminApi("http://" + SERVER + ":" + HTTP_PORT + "/pbx", "admin", System.getProperty("PBX_ADMIN_PASSWORD"));
    phones = new Phones(SERVER, SIP_PORT);
  }

  @AfterEach
  void hangUpPhones() {
    phones.close();
  }

  /** A number not used by any other test in this JVM run. */
  protected static String uniqueNumber() {
    return String.valueOf(NumberPool.next());
  }

  private static final class NumberPool {
    private static final java.util.concurrent.atomic.AtomicInteger NEXT =
        new java.util.concurrent.atomic.AtomicInteger((int) (System.currentTimeMillis() % 100_000) * 10 + 1_000_000);

    static int next() {
      return NEXT.incrementAndGet();
    }
  }
}
