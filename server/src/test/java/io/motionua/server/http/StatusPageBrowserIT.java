package io.motionua.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser: Debian's chromium, headless, driven by Selenium through
 * Debian's chromedriver. Both are named explicitly, so Selenium Manager never looks for (or
 * downloads) a driver or a browser; {@code bin/test} installs the two packages.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang fails here, not at the CI limit
class StatusPageBrowserIT {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * Selenium warns that it has no DevTools binding for this chromium; the test needs none. Held
   * here so the level stays set (java.util.logging keeps loggers weakly).
   */
  private static final Logger CDP_WARNING = Logger.getLogger("org.openqa.selenium.devtools");

  private static StatusPageMachine machine;
  private WebDriver browser;
  private Path profile;

  @BeforeAll
  static void start() throws Exception {
    CDP_WARNING.setLevel(Level.SEVERE);
    assertTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (bin/test installs them)");
    machine = StatusPageMachine.start();
  }

  @AfterAll
  static void stop() {
    if (machine != null) {
      machine.close();
    }
  }

  @BeforeEach
  void openBrowser() throws Exception {
    profile = Files.createTempDirectory("motionua-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(WAIT);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + machine.httpPort() + path;
  }

  private void logIn(String user, String password) {
    browser.get(url("/login"));
    browser.findElement(By.id("user")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("submit")).click();
  }

  private <T> T await(String what, java.util.function.Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, WAIT)
        .withMessage(
            () -> what + "; page: " + browser.getCurrentUrl() + " DEBUG " + browser.getPageSource())
        .until(condition);
  }

  /** The number shown in an axis's Position cell ("12.345 deg"), or NaN. */
  private double shownPosition(String axis) {
    List<WebElement> cells = browser.findElements(By.cssSelector("#axis-" + axis + " .position"));
    if (cells.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(cells.get(0).getText().split(" ")[0]);
    } catch (RuntimeException e) {
      return Double.NaN; // redrawn between find and read
    }
  }

  @Test
  void aLoggedInViewerSeesTheSixAxesAndAPositionChangeWhileJ1Moves() throws Exception {
    logIn(StatusPageMachine.VIEWER, StatusPageMachine.VIEWER_PASSWORD);
    await(
        "the page's axis table", d -> d.findElements(By.cssSelector("#axes tbody tr")).size() == 6);
    List<String> axes =
        browser.findElements(By.cssSelector("#axes tbody tr")).stream()
            .map(r -> r.getAttribute("data-axis"))
            .toList();
    assertEquals(List.of("J1", "J2", "J3", "J4", "J5", "J6"), axes);
    assertEquals("vic (viewer)", browser.findElement(By.id("user")).getText());
    await("the live badge", d -> d.findElement(By.id("connection")).getText().equals("live"));
    assertTrue(
        browser.findElements(By.cssSelector("#links tbody tr[data-link='arm-bus']")).size() == 1,
        "the link arm-bus is listed");
    await("J1 standing (powered on start)", d -> shownStanding("J1"));
    double before = shownPosition("J1");
    double target = before > 0 ? before - 40 : before + 40;

    StatusCode moved = machine.moveAbsolute("J1", target, 30.0);
    assertTrue(moved.isGood(), "MoveAbsolute: " + moved);

    await(
        "J1's shown position to move away from " + before,
        d -> Math.abs(shownPosition("J1") - before) > 1);
    await(
        "J1's shown position to reach " + target,
        d -> Math.abs(shownPosition("J1") - target) < 0.1);
  }

  private boolean shownStanding(String axis) {
    List<WebElement> rows = browser.findElements(By.id("axis-" + axis));
    return !rows.isEmpty() && rows.get(0).getText().contains("Standstill");
  }

  @Test
  void aWrongPasswordKeepsTheBrowserOnTheLoginFormWithAReason() {
    logIn(StatusPageMachine.OPERATOR, "wrong password");
    await("the refusal", d -> d.getCurrentUrl().endsWith("/login?failed"));
    assertEquals(
        "Unknown user or wrong password.", browser.findElement(By.id("message")).getText());
    browser.get(url("/"));
    await("back at the login form", d -> d.getCurrentUrl().endsWith("/login"));
    assertTrue(browser.findElements(By.id("axes")).isEmpty(), "no status without a login");
  }

  @Test
  void withoutALoginThePageIsNotReachableAndLogoutEndsIt() {
    browser.get(url("/"));
    await("sent to the login form", d -> d.getCurrentUrl().endsWith("/login"));
    assertTrue(browser.findElements(By.id("axes")).isEmpty());

    logIn(StatusPageMachine.OPERATOR, StatusPageMachine.OPERATOR_PASSWORD);
    await("the page", d -> d.findElements(By.cssSelector("#axes tbody tr")).size() == 6);
    browser.findElement(By.id("logout")).click();
    await("sent to the login form after logout", d -> d.getCurrentUrl().endsWith("/login"));
    browser.get(url("/"));
    await("still at the login form", d -> d.getCurrentUrl().endsWith("/login"));
  }
}
