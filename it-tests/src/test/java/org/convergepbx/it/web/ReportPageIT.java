package org.convergepbx.it.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.convergepbx.it.AdminApi;
import org.convergepbx.it.FreePorts;
import org.convergepbx.it.PbxServerProcess;
import org.convergepbx.it.Phones;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report page a manager uses, {@code /reports/}, served by {@code pbx-server.jar} itself and driven in
 * headless Chromium: sign in with HTTP Basic credentials typed into the page, filter, read the table and the
 * charts (Chart.js from the product's WebJar), download the CSV, see an API error next to the field it names,
 * and use the page at 1280x800 and on a phone-sized screen. Screenshots go to {@code target/screenshots/}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReportPageIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("basedir", "."), "target", "screenshots").toAbsolutePath();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final long SIP_TIMEOUT = 5000;
  private static final String MANAGER = "report-manager";
  private static final String MANAGER_PASSWORD = "manager-secret-1";
  private static final String CALLER = "2001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.logging.Logger CDP_WARNING =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  @TempDir Path data;
  @TempDir Path browserProfile;
  @TempDir Path downloads;

  @BeforeAll
  static void chromiumIsInstalled() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("ReportPageIT needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
          + ": apt-get install -y chromium chromium-driver (Debian packages; .ci/run installs them)");
    }
  }

  @Test
  void managerFiltersReadsChartsDownloadsCsvAndSeesErrorsNextToTheField() throws Exception {
    int sip = FreePorts.next();
    int http = FreePorts.next();
    try (PbxServerProcess server = new PbxServerProcess(data, sip, http, Map.of()).start();
        Phones phones = new Phones("127.0.0.1", sip)) {
      AdminApi admin = server.api();
      placeCalls(admin, phones);
      awaitClosedRecords(admin, 4);
      HttpResponse<String> created =
          admin.post(
              "/api/v1/users",
              "{\"username\":\"" + MANAGER + "\",\"password\":\"" + MANAGER_PASSWORD + "\",\"role\":\"manager\"}",
              "application/json");
      assertEquals(201, created.statusCode(), created.body());

      String base = "http://127.0.0.1:" + http;
      HttpResponse<String> page = admin.getUnauthenticated("/reports/");
      assertEquals(200, page.statusCode(),
          "GET /reports/ without credentials: the product must serve its static files (the page, and Chart.js"
              + " from the WebJar's META-INF/resources); that needs a DefaultServlet, which neither WEB-INF/web.xml"
              + " nor a global conf/web.xml of the launcher declares");
      String chartJs = chartJsPath(page.body());
      HttpResponse<String> library = admin.getUnauthenticated(chartJs);
      assertEquals(200, library.statusCode(), "Chart.js from the WebJar in WEB-INF/lib at " + chartJs);
      assertTrue(library.body().contains("Chart.js v4"), "Chart.js 4 at " + chartJs);

      ChromeDriver driver = chromium();
      try {
        browse(driver, base, admin);
        queues(driver, admin, phones);
      } finally {
        driver.quit();
      }
    }
  }

  private void browse(ChromeDriver driver, String base, AdminApi admin) throws IOException {
    WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    JavascriptExecutor js = driver;
    viewport(driver, 1280, 800, false);
    driver.get(base + "/reports/");
    assertTrue(driver.getTitle().contains("Call reports"), driver.getTitle());
    WebElement username = wait.until(d -> displayed(d.findElement(By.id("username"))));
    assertEquals(Boolean.TRUE, wait.until(d -> js.executeScript("return typeof Chart === 'function' || null")),
        "Chart.js loaded from the product");
    assertEquals(List.of(), js.executeScript(
            "return Array.from(document.querySelectorAll('input, select, textarea'))"
                + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id || e.name)"),
        "every input has a label");

    // a wrong password is refused in the page, and the API's 401 does not bring up the browser's own dialog
    username.sendKeys(MANAGER);
    driver.findElement(By.id("password")).sendKeys("not-the-password", Keys.ENTER);
    WebElement loginError = wait.until(d -> displayed(d.findElement(By.id("login-error"))));
    assertEquals("Wrong username or password.", loginError.getText());

    // sign in with the keyboard only: type, Enter
    driver.findElement(By.id("password")).sendKeys(MANAGER_PASSWORD, Keys.ENTER);
    awaitReady(driver, wait);
    assertEquals("filters-heading", js.executeScript("return document.activeElement.id"), "focus moves to the filters");
    assertTrue(driver.findElement(By.id("signed-in-user")).getText().contains(MANAGER));
    assertEquals(4, rows(driver).size(), "every call, unfiltered: " + rows(driver));
    assertEquals("Calls 1\u20134 of 4.", driver.findElement(By.id("status")).getText());

    // filter on the caller, oldest first
    driver.findElement(By.id("src")).sendKeys(CALLER);
    new Select(driver.findElement(By.id("sort"))).selectByValue("start,asc");
    driver.findElement(By.id("apply")).click();
    awaitReady(driver, wait);
    wait.until(d -> rows(d).size() == 3);
    List<List<String>> rows = rows(driver);
    assertEquals(
        List.of(
            List.of(CALLER, "2002", "ANSWERED", "200"),
            List.of(CALLER, "2003", "BUSY", "486"),
            List.of(CALLER, "2999", "FAILED", "404")),
        rows.stream().map(r -> List.of(r.get(1), r.get(2), r.get(4), r.get(7))).toList(),
        "rows: start, src, dst, clid, disposition, duration, billsec, sipCode: " + rows);
    for (List<String> r : rows) {
      assertTrue(r.get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), "start in UTC: " + r);
      assertTrue(r.get(3).endsWith("<" + CALLER + ">"), "caller ID: " + r);
    }
    assertEquals("Calls 1\u20133 of 3.", driver.findElement(By.id("status")).getText());
    assertEquals("Page 1 of 1", driver.findElement(By.id("page-info")).getText());

    assertCharts(js);
    assertCsvDownload(driver, wait, admin.get("/api/v1/cdr.csv?src=" + CALLER + "&sort=start,asc").body());

    assertNoHorizontalScroll(js, "1280x800");
    screenshot(driver, "reports-1280x800");

    // an inverted date range: the API's error {"field":"to"} is shown next to the To field, which gets focus
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    setDate(js, "from", today.plusDays(1).toString());
    setDate(js, "to", today.toString());
    driver.findElement(By.id("apply")).click();
    WebElement toError = wait.until(d -> displayed(d.findElement(By.id("to-error"))));
    assertTrue(toError.getText().contains("to must be after from"), toError.getText());
    assertEquals("error", driver.findElement(By.tagName("body")).getAttribute("data-report-state"));
    assertEquals(Boolean.TRUE, js.executeScript(
        "const to = document.getElementById('to'), err = document.getElementById('to-error');"
            + "return err.closest('.field') === to.closest('.field')"
            + " && to.getAttribute('aria-describedby').split(' ').includes('to-error')"
            + " && to.getAttribute('aria-invalid') === 'true' && document.activeElement === to"),
        "the error sits in the To field's box, describes it, marks it invalid, and To has the focus");
    assertTrue(!driver.findElement(By.id("from-error")).isDisplayed(), "no error on From");
    assertEquals(3, rows(driver).size(), "the previous results stay");
    screenshot(driver, "reports-error-1280x800");

    // back to a valid range, then a phone-sized screen
    setDate(js, "from", "");
    setDate(js, "to", "");
    driver.findElement(By.id("apply")).click();
    awaitReady(driver, wait);
    assertTrue(!driver.findElement(By.id("to-error")).isDisplayed(), "the error is cleared");
    viewport(driver, 390, 844, true);
    wait.until(d -> Long.valueOf(390).equals(js.executeScript("return window.innerWidth")));
    wait.until(d -> Boolean.TRUE.equals(js.executeScript(
        "const c = document.getElementById('chart-day'); return c.getBoundingClientRect().width <= 390")));
    assertEquals(3, rows(driver).size());
    assertNoHorizontalScroll(js, "390x844");
    screenshot(driver, "reports-390x844");
    js.executeScript("document.getElementById('results').scrollIntoView()");
    Files.write(SCREENSHOTS.resolve("reports-390x844-results.png"), driver.getScreenshotAs(OutputType.BYTES));

    assertNoScriptErrors(driver);
  }

  /**
   * A caller waiting in a queue shows in the page's live view within its refresh, and the queue's statistics
   * count the call offered.
   */
  private void queues(ChromeDriver driver, AdminApi admin, Phones phones) throws IOException {
    WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    viewport(driver, 1280, 800, false);
    HttpResponse<String> queue = admin.put("/api/v1/queues/600", "{\"name\":\"Support\",\"announceFrequency\":0}");
    assertEquals(201, queue.statusCode(), queue.body());
    admin.provision("2005", secret("2005"));
    try (java.net.DatagramSocket rtp = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      String sdp = "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio " + rtp.getLocalPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
      SipCall waiting = phones.dial(phones.phone("2005", secret("2005")), "2005", secret("2005"), uri("600"), sdp);
      assertEquals(200, finalResponse(waiting), "the queue answers: " + waiting.format());
      assertTrue(waiting.sendInviteOkAck(), waiting.format());
      String live = wait.until(d -> {
        String text = d.findElement(By.id("queue-live")).getText();
        return text.contains("600 Support") && text.contains("1. 2005") ? text : null;
      });
      assertTrue(live.contains("600 Support 1"), "one caller waits: " + live);
      driver.findElement(By.id("apply")).click();
      awaitReady(driver, wait);
      @SuppressWarnings("unchecked")
      List<String> stats = wait.until(d -> (List<String>) js(driver).executeScript(
          "const row = Array.from(document.querySelectorAll('#queue-stats tbody tr'))"
              + ".map(r => Array.from(r.cells).map(c => c.textContent)).find(c => c[0] === '600');"
              + "return row || null;"));
      assertEquals("1", stats.get(1), "offered: " + stats);
      assertEquals("0", stats.get(2), "answered: " + stats);
      js(driver).executeScript("document.getElementById('queues').scrollIntoView()");
      screenshot(driver, "reports-queues-1280x800");
      assertTrue(waiting.disconnect(), waiting.format());
    }
  }

  private static JavascriptExecutor js(ChromeDriver driver) {
    return driver;
  }

  // ---- calls ----

  /**
   * Four calls: 2001 to 2002 answered and hung up, 2001 to 2003 busy (486), 2001 to 2999 not found (404), and
   * 2004 to 2998 not found, so that a filter on the caller leaves three.
   */
  private static void placeCalls(AdminApi admin, Phones phones) {
    for (String n : List.of("2001", "2002", "2003", "2004")) {
      admin.provision(n, secret(n));
    }
    SipPhone alice = phones.phone(CALLER, secret(CALLER));
    SipPhone bob = registered(phones, "2002");
    SipPhone carol = registered(phones, "2003");
    SipPhone dave = phones.phone("2004", secret("2004"));

    SipCall bobIn = bob.createSipCall();
    assertTrue(bobIn.listenForIncomingCall());
    SipCall answered = phones.dial(alice, CALLER, secret(CALLER), uri("2002"));
    assertTrue(bobIn.waitForIncomingCall(SIP_TIMEOUT), bobIn.format());
    assertTrue(bobIn.sendIncomingCallResponse(180, "Ringing", 0), bobIn.format());
    assertTrue(bobIn.sendIncomingCallResponse(200, "OK", 0), bobIn.format());
    assertTrue(answered.waitForAnswer(SIP_TIMEOUT), answered.format());
    assertTrue(answered.sendInviteOkAck(), answered.format());
    assertTrue(bobIn.waitForAck(SIP_TIMEOUT), bobIn.format());
    assertTrue(answered.disconnect(), answered.format());
    assertTrue(bobIn.waitForDisconnect(SIP_TIMEOUT), bobIn.format());
    assertTrue(bobIn.respondToDisconnect(), bobIn.format());

    SipCall carolIn = carol.createSipCall();
    assertTrue(carolIn.listenForIncomingCall());
    SipCall busy = phones.dial(alice, CALLER, secret(CALLER), uri("2003"));
    assertTrue(carolIn.waitForIncomingCall(SIP_TIMEOUT), carolIn.format());
    assertTrue(carolIn.sendIncomingCallResponse(486, "Busy Here", 0), carolIn.format());
    assertEquals(486, finalResponse(busy), busy.format());

    assertEquals(404, finalResponse(phones.dial(alice, CALLER, secret(CALLER), uri("2999"))));
    assertEquals(404, finalResponse(phones.dial(dave, "2004", secret("2004"), uri("2998"))));
  }

  private static SipPhone registered(Phones phones, String number) {
    SipPhone phone = phones.phone(number, secret(number));
    assertTrue(phone.register(number, secret(number), null, 600, SIP_TIMEOUT), phone.format());
    return phone;
  }

  private static int finalResponse(SipCall call) {
    long deadline = System.currentTimeMillis() + 2 * SIP_TIMEOUT;
    while (System.currentTimeMillis() < deadline) {
      if (!call.waitOutgoingCallResponse(SIP_TIMEOUT)) {
        break;
      }
      if (call.getReturnCode() >= 200) {
        return call.getReturnCode();
      }
    }
    return call.getReturnCode();
  }

  private static String secret(String number) {
    return "report-secret-" + number;
  }

  private static String uri(String number) {
    return "sip:" + number + "@" + Phones.DOMAIN;
  }

  /** Waits until the API lists {@code count} closed records (what the summaries count). */
  private static void awaitClosedRecords(AdminApi admin, int count) {
    new FluentWait<>(admin)
        .withTimeout(WAIT)
        .pollingEvery(Duration.ofMillis(200))
        .withMessage(() -> "expected " + count + " closed call records: " + admin.get("/api/v1/cdr?size=100").body())
        .until(a -> {
          JsonNode page = json(a.get("/api/v1/cdr?size=100").body());
          if (page.path("total").asInt() != count) {
            return false;
          }
          for (JsonNode r : page.path("records")) {
            if (!"CLOSED".equals(r.path("state").asText())) {
              return false;
            }
          }
          return true;
        });
  }

  // ---- the browser ----

  private ChromeDriver chromium() {
    // without selenium-devtools-vNNN on the class path Selenium warns at every start; CDP commands go through
    // chromedriver (executeCdpCommand) and need no bindings
    CDP_WARNING.setLevel(Level.SEVERE);
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + browserProfile, "--window-size=1280,800", "--lang=en-US");
    options.setExperimentalOption(
        "prefs",
        Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // the driver named explicitly: Selenium Manager (which downloads drivers and reports usage) never runs
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(WAIT);
    return driver;
  }

  /** Sets the page's viewport exactly (the window size of headless Chromium includes no browser UI). */
  private static void viewport(ChromeDriver driver, int width, int height, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", mobile ? 2 : 1, "mobile", mobile));
  }

  private static void awaitReady(ChromeDriver driver, WebDriverWait wait) {
    wait.withMessage(() -> "the page did not become ready; it shows: " + pageState(driver)).until(d -> {
      String state = d.findElement(By.tagName("body")).getAttribute("data-report-state");
      if ("error".equals(state)) {
        throw new AssertionError("the page shows an error: " + d.findElement(By.id("filters-error")).getText());
      }
      return "ready".equals(state);
    });
  }

  private static String pageState(ChromeDriver driver) {
    return String.valueOf(driver.executeScript(
        "return ['state ' + document.body.getAttribute('data-report-state')].concat("
            + "Array.from(document.querySelectorAll('.form-error, .field-error, #status'))"
            + ".filter(e => !e.hidden && e.textContent).map(e => e.id + ': ' + e.textContent)).join('; ')"));
  }

  private static WebElement displayed(WebElement e) {
    return e.isDisplayed() ? e : null;
  }

  /** The records table, as text per cell. */
  private static List<List<String>> rows(org.openqa.selenium.WebDriver driver) {
    List<List<String>> rows = new ArrayList<>();
    for (WebElement tr : driver.findElements(By.cssSelector("#records tbody tr"))) {
      List<WebElement> cells = tr.findElements(By.tagName("td"));
      if (cells.size() == 8) {
        rows.add(cells.stream().map(WebElement::getText).toList());
      }
    }
    return rows;
  }

  /** Date inputs are set through the DOM: typing into them depends on the browser's locale. */
  private static void setDate(JavascriptExecutor js, String id, String isoDate) {
    js.executeScript(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
        id, isoDate);
  }

  @SuppressWarnings("unchecked")
  private static void assertCharts(JavascriptExecutor js) {
    List<Map<String, Object>> charts =
        (List<Map<String, Object>>) js.executeScript(
            "return ['chart-hour', 'chart-day', 'chart-disposition'].map(id => {"
                + "  const canvas = document.getElementById(id), chart = canvas && Chart.getChart(canvas);"
                + "  return chart ? {id: id, type: chart.config.type, width: canvas.width, height: canvas.height,"
                + "    labels: chart.data.labels.map(String),"
                + "    datasets: chart.data.datasets.map(d => ({label: d.label, data: d.data}))} : {id: id};"
                + "})");
    for (Map<String, Object> chart : charts) {
      assertNotNull(chart.get("type"), "a Chart.js chart on #" + chart.get("id"));
      assertTrue(((Number) chart.get("width")).intValue() > 0 && ((Number) chart.get("height")).intValue() > 0,
          "drawn: " + chart);
    }
    for (Map<String, Object> time : charts.subList(0, 2)) {
      List<Map<String, Object>> sets = (List<Map<String, Object>>) time.get("datasets");
      assertEquals(List.of("Calls", "Answered"), sets.stream().map(s -> s.get("label")).toList(), time.toString());
      assertEquals(3, sum(sets.get(0)), "calls of " + CALLER + " per bucket: " + time);
      assertEquals(1, sum(sets.get(1)), "answered calls of " + CALLER + " per bucket: " + time);
    }
    Map<String, Object> dispositions = charts.get(2);
    assertEquals(List.of("ANSWERED", "BUSY", "FAILED"),
        ((List<String>) dispositions.get("labels")).stream().sorted().toList(), dispositions.toString());
    assertEquals(3, sum(((List<Map<String, Object>>) dispositions.get("datasets")).get(0)), dispositions.toString());
  }

  @SuppressWarnings("unchecked")
  private static long sum(Map<String, Object> dataset) {
    return ((List<Number>) dataset.get("data")).stream().mapToLong(Number::longValue).sum();
  }

  /**
   * Clicks "Download CSV": reads the Blob the page saves (caught as the page hands it to URL.createObjectURL)
   * and waits for the saved file, which must be exactly what the API exports for the same filters.
   */
  private void assertCsvDownload(ChromeDriver driver, WebDriverWait wait, String expected) {
    Object text =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1], create = URL.createObjectURL;"
                + "URL.createObjectURL = function (blob) {"
                + "  URL.createObjectURL = create; blob.text().then(done, e => done('failed: ' + e));"
                + "  return create.call(URL, blob);"
                + "};"
                + "document.getElementById('download-csv').click();");
    // WebDriver hands strings back with CRLF turned into LF; the saved file below is compared byte for byte
    String csv = String.valueOf(text);
    assertTrue(csv.startsWith("accountcode,src,dst,"), "CSV header: " + csv);
    String[] lines = csv.split("\r?\n");
    assertEquals(4, lines.length, "the header and the 3 filtered records: " + csv);
    for (int i = 1; i < lines.length; i++) {
      assertTrue(lines[i].contains("," + CALLER + ","), lines[i]);
    }
    Path saved = downloads.resolve("Master.csv");
    new FluentWait<>(saved)
        .withTimeout(WAIT)
        .pollingEvery(Duration.ofMillis(100))
        .withMessage(() -> "the download saved as " + saved + "; found " + list(downloads))
        .until(p -> Files.isRegularFile(p) && !read(p).isEmpty());
    assertEquals(expected, read(saved), "the saved CSV is the API's export with the page's filters");
    wait.until(d -> d.findElement(By.id("download-status")).getText().startsWith("Downloaded Master.csv"));
  }

  private static String chartJsPath(String html) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("src=\"\\.\\./(webjars/chart\\.js/[^\"]+)\"").matcher(html);
    assertTrue(m.find(), "the page loads Chart.js from the product's WebJar:\n" + html);
    return "/" + m.group(1);
  }

  private static void assertNoHorizontalScroll(JavascriptExecutor js, String size) {
    Object widths =
        js.executeScript(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
    List<?> w = (List<?>) widths;
    assertTrue(((Number) w.get(0)).longValue() <= ((Number) w.get(1)).longValue(),
        "at " + size + " the page must not scroll sideways (scrollWidth, clientWidth) = " + w);
  }

  private static void screenshot(ChromeDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    Map<String, Object> full =
        driver.executeCdpCommand(
            "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    Files.write(
        SCREENSHOTS.resolve(name + "-full.png"), Base64.getDecoder().decode(String.valueOf(full.get("data"))));
  }

  /** Console errors other than the refusals this test provokes (the 401 and the 400). */
  private static void assertNoScriptErrors(ChromeDriver driver) {
    List<String> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(m -> !m.matches("(?s).*/api/v1/cdr.*status of 40[01].*"))
            .collect(Collectors.toList());
    assertEquals(List.of(), errors, "browser console errors");
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(body, e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String list(Path dir) {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList().toString();
    } catch (IOException e) {
      return e.toString();
    }
  }
}
