package org.convergepbx.container;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Deploys an EAR on the plain converged container: each web module is exploded to
 * {@code webapps/<context>} and the EAR's {@code lib/*.jar} become the shared libraries every web module sees.
 */
final class EarDeployment {
  private final List<URL> sharedLibraries;
  private final Map<String, Path> webModules;

  private EarDeployment(List<URL> sharedLibraries, Map<String, Path> webModules) {
    this.sharedLibraries = sharedLibraries;
    this.webModules = webModules;
  }

  /** The context names deployed (ROOT for context root "/"). */
  Map<String, Path> webModules() {
    return webModules;
  }

  List<URL> sharedLibraries() {
    return sharedLibraries;
  }

  static EarDeployment explode(Path ear, Path libDir, Path webapps) {
    if (!Files.isRegularFile(ear)) {
      throw new LaunchException("EAR not found: " + ear + " (build with 'mvn package' or set PBX_EAR)");
    }
    try (ZipFile zip = new ZipFile(ear.toFile())) {
      Map<String, String> contexts = webModulesOf(zip);
      if (contexts.isEmpty()) {
        throw new LaunchException(ear + " declares no web module in META-INF/application.xml");
      }
      List<URL> libs = new ArrayList<>();
      Map<String, Path> modules = new LinkedHashMap<>();
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        if (name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', 4) < 0) {
          Path target = libDir.resolve(name.substring(4));
          copy(zip, e, target);
          libs.add(toUrl(target));
        } else if (contexts.containsKey(name)) {
          Path dir = webapps.resolve(contexts.get(name));
          Path war = Files.createTempFile(libDir.getParent(), "module", ".war");
          copy(zip, e, war);
          unzip(war, dir);
          Files.delete(war);
          modules.put(contexts.get(name), dir);
        }
      }
      return new EarDeployment(libs, modules);
    } catch (IOException e) {
      throw new LaunchException("cannot read EAR " + ear + ": " + e.getMessage(), e);
    }
  }

  /** web-uri to context name, from META-INF/application.xml. */
  private static Map<String, String> webModulesOf(ZipFile zip) throws IOException {
    ZipEntry descriptor = zip.getEntry("META-INF/application.xml");
    if (descriptor == null) {
      throw new LaunchException("the EAR has no META-INF/application.xml");
    }
    Map<String, String> result = new LinkedHashMap<>();
    try (InputStream in = zip.getInputStream(descriptor)) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setNamespaceAware(false);
      Document doc = f.newDocumentBuilder().parse(in);
      NodeList webs = doc.getElementsByTagName("web");
      for (int i = 0; i < webs.getLength(); i++) {
        Element web = (Element) webs.item(i);
        String uri = text(web, "web-uri");
        String root = text(web, "context-root").replaceAll("^/+|/+$", "");
        result.put(uri, root.isEmpty() ? "ROOT" : root.replace('/', '#'));
      }
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new LaunchException("the EAR's application.xml is not valid: " + e.getMessage(), e);
    }
    return result;
  }

  private static String text(Element parent, String tag) {
    NodeList n = parent.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
  }

  private static void unzip(Path archive, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        Path target = dir.resolve(e.getName()).normalize();
        if (!target.startsWith(dir)) {
          throw new LaunchException("refusing archive entry outside its module: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          copy(zip, e, target);
        }
      }
    }
  }

  private static void copy(ZipFile zip, ZipEntry e, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = zip.getInputStream(e)) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static URL toUrl(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new LaunchException("bad library path " + p, e);
    }
  }
}
