import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;

/**
 * The floor of the stack: Spring Boot with an empty context (no auto-configuration, no
 * bean), printing the server's ready line where the server would. Built and run by
 * {@code bench/empty_boot.sh} (docs/startup.md).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
public class EmptyBoot {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(EmptyBoot.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
		System.out.println("Server is on");
		if (Boolean.getBoolean("exit")) {
			System.exit(0);
		}
	}

}
