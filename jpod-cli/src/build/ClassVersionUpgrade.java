import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.ClassFileVersion;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Rewrites the classes of a jar compiled for an old Java (class file version below 50, such as
 * picocli's Java 5 target) as Java 8 class files with stack maps. The JDK's AOT cache refuses to store
 * "old" classes, so without this every jpod command would load, verify and interpret them from the
 * jar at start-up. The bytecode itself is unchanged; only the version and the StackMapTable the
 * verifier of newer versions needs are added.
 *
 * <p>Usage: {@code java ClassVersionUpgrade.java JAR...} (each jar is rewritten in place; already
 * modern classes are copied as they are).
 */
public final class ClassVersionUpgrade {
  public static void main(String[] args) throws IOException {
    for (String arg : args) {
      upgrade(Path.of(arg));
    }
  }

  static void upgrade(Path jar) throws IOException {
    Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
    int rewritten = 0;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        JarFile in = new JarFile(jar.toFile());
        OutputStream fos = Files.newOutputStream(tmp);
        JarOutputStream out = new JarOutputStream(fos)) {
      ClassFile cf = ClassFile.of(
          ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
          ClassFile.ClassHierarchyResolverOption.of(
              ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
      var entries = in.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        byte[] bytes;
        try (InputStream is = in.getInputStream(e)) {
          bytes = is.readAllBytes();
        }
        String name = e.getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.equals("module-info.class")) {
          ClassModel model = cf.parse(bytes);
          if (model.majorVersion() < ClassFile.JAVA_8_VERSION) {
            bytes = cf.transformClass(model,
                ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen(ClassTransform.endHandler(b -> b.with(ClassFileVersion.of(ClassFile.JAVA_8_VERSION, 0)))));
            rewritten++;
          }
        }
        JarEntry copy = new JarEntry(name);
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    if (rewritten == 0) {
      Files.delete(tmp); // already upgraded: keep the file (and its time) as it is
      return;
    }
    // renamed into place: running jpod processes keep reading the jar they opened
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println(jar + ": " + rewritten + " classes upgraded to Java 8 class files");
  }
}
