package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * bom/pom.xml has no parent, so it repeats the build's version: this keeps the two equal and the
 * BOM complete, instead of a reviewer's eye.
 */
class BuildVersionTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static Element bom() throws Exception {
    return pom("bom");
  }

  private static Element pom(String folder) throws Exception {
    Document document =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(ROOT.resolve(folder).resolve("pom.xml").toFile());
    return document.getDocumentElement();
  }

  /**
   * The artifactIds of the root pom's modules that are deployed (bench sets maven.deploy.skip; the
   * BOM is itself).
   */
  private static List<String> publishedModules() throws Exception {
    List<String> published = new ArrayList<>();
    NodeList modules = pom(".").getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String folder = modules.item(i).getTextContent().strip();
      Element module = pom(folder);
      boolean skipped =
          module.getElementsByTagName("maven.deploy.skip").getLength() > 0
              && module
                  .getElementsByTagName("maven.deploy.skip")
                  .item(0)
                  .getTextContent()
                  .strip()
                  .equals("true");
      if (!folder.equals("bom") && !skipped) {
        published.add("io.flinks4j:" + child(module, "artifactId"));
      }
    }
    return published;
  }

  private static String child(Element element, String name) {
    NodeList nodes = element.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element child && child.getTagName().equals(name)) {
        return child.getTextContent().strip();
      }
    }
    throw new AssertionError("no <" + name + "> in <" + element.getTagName() + ">");
  }

  @Test
  void the_bom_has_the_version_of_the_build() throws Exception {
    Properties built = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      built.load(in);
    }

    assertThat(child(bom(), "version")).isEqualTo(built.getProperty("version"));
  }

  @Test
  void the_bom_manages_every_published_module_at_its_own_version() throws Exception {
    NodeList dependencies = bom().getElementsByTagName("dependency");
    List<String> managed = new ArrayList<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      assertThat(child(dependency, "version")).isEqualTo("${project.version}");
      managed.add(child(dependency, "groupId") + ":" + child(dependency, "artifactId"));
    }

    assertThat(managed)
        .containsExactlyInAnyOrderElementsOf(publishedModules())
        .contains(
            "io.flinks4j:flinks4j-client",
            "io.flinks4j:flinks4j-spring-boot-starter",
            "io.flinks4j:flinks4j-test-support");
  }
}
