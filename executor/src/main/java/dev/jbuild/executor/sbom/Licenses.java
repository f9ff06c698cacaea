package dev.jbuild.executor.sbom;

import java.util.regex.Pattern;

/** Whether a licence a database gives is an SPDX licence expression ("MIT", "GPL-2.0-or-later OR MIT"), or free text ("BSD License"). */
final class Licenses {
    private static final Pattern EXPRESSION = Pattern.compile("[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*");

    private Licenses() {
    }

    static boolean isExpression(String license) {
        return license != null && EXPRESSION.matcher(license).matches();
    }
}
