import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Prints the methods and constructors of the Java files under a folder that are longer than a number
 * of lines, longest first. A method's lines run from its signature (after its annotations) to its
 * closing brace, both included; Javadoc and annotations are not counted.
 *
 * <p>Usage: {@code java bin/MethodLengths.java FOLDER [MORE_THAN_LINES]} (default 40), with a JDK 21 or
 * newer. Parses only: the files need not compile on their own.
 */
public class MethodLengths {

    record Method(int lines, String name, String where) {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int moreThan = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        var compiler = ToolProvider.getSystemJavaCompiler();
        var fileManager = compiler.getStandardFileManager(null, null, null);
        var task = (JavacTask) compiler.getTask(null, fileManager, null, List.of("-proc:none"), null,
                fileManager.getJavaFileObjectsFromPaths(files));
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        List<Method> found = new ArrayList<>();
        for (CompilationUnitTree unit : task.parse()) {
            var lines = unit.getLineMap();
            CharSequence source = unit.getSourceFile().getCharContent(true);
            new TreePathScanner<Void, Void>() {
                private final Deque<String> types = new ArrayDeque<>();

                @Override
                public Void visitClass(ClassTree type, Void unused) {
                    types.push(type.getSimpleName().isEmpty() ? "(anonymous)" : type.getSimpleName().toString());
                    try {
                        return super.visitClass(type, unused);
                    } finally {
                        types.pop();
                    }
                }

                @Override
                public Void visitMethod(MethodTree method, Void unused) {
                    if (method.getBody() != null) {
                        long start = positions.getStartPosition(unit, method);
                        if (!method.getModifiers().getAnnotations().isEmpty()) {
                            // from the first character after the last annotation that is not blank
                            start = positions.getEndPosition(unit, method.getModifiers().getAnnotations().getLast());
                            while (Character.isWhitespace(source.charAt((int) start))) {
                                start++;
                            }
                        }
                        long first = lines.getLineNumber(start);
                        long last = lines.getLineNumber(positions.getEndPosition(unit, method));
                        int length = (int) (last - first + 1);
                        if (length > moreThan) {
                            String type = String.join(".", types.reversed());
                            String name = method.getName().contentEquals("<init>") ? "(constructor)" : method.getName().toString();
                            found.add(new Method(length, type + "." + name,
                                    Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + first));
                        }
                    }
                    return super.visitMethod(method, unused);
                }
            }.scan(unit, null);
        }
        found.sort(Comparator.comparingInt(Method::lines).reversed().thenComparing(Method::where));
        found.forEach(m -> System.out.printf("%4d  %s  (%s)%n", m.lines(), m.name(), m.where()));
    }
}
