package org.convergepbx.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import org.convergepbx.config.Setting;
import org.convergepbx.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the application when the converged context starts (database migrated, services built, administrator
 * ensured) and stops it with the context. A failure here fails the deployment, which the launcher reports.
 */
public final class PbxContextListener implements ServletContextListener {
  private static final Logger LOG = LoggerFactory.getLogger(PbxContextListener.class);

  @Override
  public void contextInitialized(ServletContextEvent event) {
    Settings settings = Settings.fromEnvironment();
    try {
      Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create PBX_DATA_DIR " + settings.dataDir(), e);
    }
    PbxApplication app =
        new PbxApplication(
            settings, Clock.systemUTC(), Thread.currentThread().getContextClassLoader());
    String adminUser = settings.get(Setting.PBX_ADMIN_USER).orElseThrow();
    Optional<String> generated =
        app.admins().bootstrap(adminUser, settings.get(Setting.PBX_ADMIN_PASSWORD));
    generated.ifPresent(
        password ->
            System.out.println(
                "Generated administrator password for '"
                    + adminUser
                    + "': "
                    + password
                    + "  (shown once, only its hash is stored; set PBX_ADMIN_PASSWORD to choose one)"));
    app.attachTo(event.getServletContext());
    LOG.info("PBX application started: domain {}, data in {}", settings.domain(), settings.dataDir());
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    try {
      PbxApplication.from(event.getServletContext()).close();
      LOG.info("PBX application stopped");
    } catch (IllegalStateException notStarted) {
      LOG.debug("PBX application was not started");
    }
  }
}
