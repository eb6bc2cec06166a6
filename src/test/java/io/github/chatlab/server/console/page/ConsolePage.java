package io.github.chatlab.server.console.page;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.github.chatlab.server.support.Browser;

/**
 * The console page as a test sees it: log in, wait for the live feed, find a roster row,
 * switch tabs. Waits are WebDriver's (polling the page), never sleeps.
 */
final class ConsolePage {

	static final Duration WAIT = Duration.ofSeconds(10);

	private final Browser browser;

	private final String base;

	ConsolePage(Browser browser, int httpPort) {
		this.browser = browser;
		this.base = "http://127.0.0.1:" + httpPort;
	}

	ChromeDriver driver() {
		return this.browser.driver();
	}

	String base() {
		return this.base;
	}

	/** Logs in through the form and waits until the page is live. */
	ConsolePage logIn(String user, String password) {
		driver().manage().deleteAllCookies();
		driver().get(this.base + "/");
		waitFor(ExpectedConditions.urlToBe(this.base + "/login"));
		waitFor(ExpectedConditions.elementToBeClickable(By.id("login-button")));
		driver().findElement(By.id("username")).sendKeys(user);
		driver().findElement(By.id("password")).sendKeys(password);
		driver().findElement(By.id("login-button")).click();
		waitFor(ExpectedConditions.urlToBe(this.base + "/"));
		waitFor(ExpectedConditions.textToBe(By.id("user"), user));
		return this;
	}

	ConsolePage awaitLive() {
		waitFor(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
		return this;
	}

	String status() {
		return driver().findElement(By.id("status")).getText();
	}

	/** The roster row of a user (by name), waiting up to {@code within} for it. */
	WebElement rosterRow(String name, Duration within) {
		By row = rosterRowBy(name);
		new WebDriverWait(driver(), within).until(ExpectedConditions.visibilityOfElementLocated(row));
		return driver().findElement(row);
	}

	static By rosterRowBy(String name) {
		return By.xpath("//table[@id='roster']/tbody/tr[td[2]/button[normalize-space(.)='" + name + "']]");
	}

	void tab(String id) {
		driver().findElement(By.id("tab-" + id)).click();
		waitFor(ExpectedConditions.attributeToBe(By.id("tab-" + id), "aria-selected", "true"));
	}

	List<WebElement> visible(String css) {
		return driver().findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).toList();
	}

	<T> T waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
		return new WebDriverWait(driver(), WAIT).until(condition);
	}

	Object script(String script, Object... arguments) {
		return driver().executeScript(script, arguments);
	}

}
