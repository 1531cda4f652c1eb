package io.telepay;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@Modulithic(sharedModules = "shared")
public class TelepayApplication {

    /** Commands that run instead of the server and exit: the words on the command line → {@code telepay.command}. */
    private static final Map<List<String>, String> COMMANDS = Map.of(
            List.of("audit", "verify"), "audit-verify",
            List.of("vault", "rotate"), "vault-rotate",
            List.of("vault", "reencrypt"), "vault-reencrypt");

    /**
     * Starts the server, or runs a command and exits with its status: {@code audit verify},
     * {@code vault rotate}, {@code vault reencrypt [--batch-size=N]}.
     */
    public static void main(String[] args) {
        String command = args.length >= 2 ? COMMANDS.get(List.of(args[0], args[1])) : null;
        if (command != null) {
            System.exit(runCommand(command, Arrays.copyOfRange(args, 2, args.length)));
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
