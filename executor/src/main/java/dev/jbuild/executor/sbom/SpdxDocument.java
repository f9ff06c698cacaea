package dev.jbuild.executor.sbom;

import dev.jbuild.store.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SPDX 2.3 document (JSON) of the packages found: the predicate of BuildKit's SBOM attestations
 * ({@code https://spdx.dev/Document}). Deterministic: element IDs and the namespace come from the
 * content, the creation time is given.
 */
public final class SpdxDocument {
    public static final String PREDICATE_TYPE = "https://spdx.dev/Document";

    private SpdxDocument() {
    }

    /** @param subject what was scanned (an image name or digest), named in the document */
    public static Map<String, Object> of(String subject, List<SoftwarePackage> packages, String created, String toolVersion) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", subject);
        doc.put("documentNamespace", "https://jbuild.invalid/spdx/" + SoftwarePackage.digestOf(subject, packages).hex());
        doc.put("creationInfo", Map.of("created", created, "creators", List.of("Tool: jbuild-" + toolVersion)));
        List<Object> list = new ArrayList<>();
        List<Object> relationships = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (SoftwarePackage p : packages) {
            String id = "SPDXRef-Package-" + p.ecosystem() + "-" + Digest.of((p.purl() + "\n" + p.path()).getBytes(StandardCharsets.UTF_8)).hex()
                    .substring(0, 16);
            if (!ids.add(id)) {
                continue; // the same package declared twice by one file
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("SPDXID", id);
            m.put("versionInfo", p.version());
            m.put("downloadLocation", "NOASSERTION");
            m.put("filesAnalyzed", false);
            m.put("licenseConcluded", "NOASSERTION");
            boolean valid = Licenses.isExpression(p.license()); // else NOASSERTION, the text in a comment
            m.put("licenseDeclared", valid ? p.license() : "NOASSERTION");
            if (p.license() != null && !valid) {
                m.put("licenseComments", "declared as: " + p.license());
            }
            m.put("copyrightText", "NOASSERTION");
            m.put("sourceInfo", "acquired package info from " + p.path());
            m.put("externalRefs", List.of(Map.of("referenceCategory", "PACKAGE-MANAGER", "referenceType", "purl",
                    "referenceLocator", p.purl())));
            list.add(m);
            relationships.add(Map.of("spdxElementId", "SPDXRef-DOCUMENT", "relationshipType", "DESCRIBES", "relatedSpdxElement", id));
        }
        doc.put("packages", list);
        doc.put("relationships", relationships);
        return doc;
    }
}
