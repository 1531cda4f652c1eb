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

    /**
     * Starts the server, or runs a command and exits: {@code audit verify}.
     */
    public static void main(String[] args) {
        if (args.length >= 2 && args[0].equals("audit") && args[1].equals("verify")) {
            var command = new SpringApplicationBuilder(TelepayApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("telepay.command=audit-verify", "telepay.demo=false", "spring.main.log-startup-info=false")
                    .run(Arrays.copyOfRange(args, 2, args.length));
            System.exit(SpringApplication.exit(command));
        }
        SpringApplication.run(TelepayApplication.class, args);
    }
}
