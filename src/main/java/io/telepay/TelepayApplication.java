package io.telepay;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@Modulithic(sharedModules = "shared")
public class TelepayApplication {

    /** Starts the server, or runs a command and exits with its status: {@code audit verify}. */
    public static void main(String[] args) {
        if (args.length >= 2 && args[0].equals("audit") && args[1].equals("verify")) {
            System.exit(runCommand("audit-verify", Arrays.copyOfRange(args, 2, args.length)));
        }
        SpringApplication.run(TelepayApplication.class, args);
    }

    /** Runs a command without the web server or schedulers; answers the exit status. */
    public static int runCommand(String command, String... args) {
        var context = new SpringApplicationBuilder(TelepayApplication.class)
                .web(WebApplicationType.NONE)
                .properties("telepay.command=" + command, "telepay.demo=false", "spring.main.log-startup-info=false")
                .run(args);
        return SpringApplication.exit(context);
    }
}
