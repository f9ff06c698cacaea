package dev.jbuild.cli.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** docker's "Are you sure you want to continue? [y/N]": anything but y/yes (or no input at all) is no. */
public final class Confirmation {
    private Confirmation() {
    }

    public static boolean ask(String warning) throws IOException {
        System.out.println(warning);
        System.out.print("Are you sure you want to continue? [y/N] ");
        System.out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        boolean yes = answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        if (answer == null) {
            System.out.println();
        }
        return yes;
    }
}
