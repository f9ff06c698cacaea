package dev.jbuild.executor.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CycloneDX 1.5 BOM (JSON) of the packages found; its serial number comes from its content. */
public final class CycloneDxDocument {
    private CycloneDxDocument() {
    }

    public static Map<String, Object> of(String subject, List<SoftwarePackage> packages, String created, String toolVersion) {
        Map<String, Object> bom = new LinkedHashMap<>();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", "1.5");
        String hex = SoftwarePackage.digestOf(subject, packages).hex();
        bom.put("serialNumber", "urn:uuid:" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-5" + hex.substring(13, 16) + "-"
                + "8" + hex.substring(17, 20) + "-" + hex.substring(20, 32));
        bom.put("version", 1);
        bom.put("metadata", Map.of("timestamp", created,
                "tools", Map.of("components", List.of(Map.of("type", "application", "name", "jbuild", "version", toolVersion))),
                "component", Map.of("type", "container", "name", subject, "bom-ref", "subject")));
        List<Object> components = new ArrayList<>();
        java.util.Set<String> refs = new java.util.HashSet<>();
        for (SoftwarePackage p : packages) {
            String ref = p.purl() + (refs.contains(p.purl()) ? "#" + p.path() : "");
            if (!refs.add(ref)) {
                continue;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("bom-ref", ref);
            c.put("type", "library");
            c.put("name", p.name());
            c.put("version", p.version());
            c.put("purl", p.purl());
            if (p.license() != null) {
                c.put("licenses", List.of(Licenses.isExpression(p.license()) ? Map.of("expression", p.license())
                        : Map.of("license", Map.of("name", p.license()))));
            }
            c.put("properties", List.of(Map.of("name", "jbuild:package:path", "value", p.path())));
            components.add(c);
        }
        bom.put("components", components);
        return bom;
    }
}
