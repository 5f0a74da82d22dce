package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.Operator;
import java.io.File;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: every concrete {@link Operator} class of the engine's packages (found on the class path). */
public final class OperatorClasses {
    private OperatorClasses() {
    }

    /** Every concrete operator class under the engine package. */
    public static List<Class<?>> all() throws Exception {
        String base = "io/pipelinemanager/core/internal/engine";
        List<Class<?>> out = new ArrayList<>();
        Enumeration<URL> roots = OperatorClasses.class.getClassLoader().getResources(base);
        while (roots.hasMoreElements()) {
            URL url = roots.nextElement();
            if (!"file".equals(url.getProtocol())) {
                continue;
            }
            Path root = Paths.get(url.toURI());
            Path classesRoot = root;
            for (int i = 0; i < base.split("/").length; i++) {
                classesRoot = classesRoot.getParent();
            }
            Path top = classesRoot;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    String name = top.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                    Class<?> c = Class.forName(name, false, OperatorClasses.class.getClassLoader());
                    if (Operator.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                            && !name.contains("Test")) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }
}
