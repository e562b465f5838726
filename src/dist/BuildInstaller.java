import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds ConvScope's installer for the machine it runs on (issue 14), called by {@code mvn -B -Pdist package} after
 * the jar and target/lib exist; run with the JDK's source launcher, so it needs no build of its own and is no part of
 * the app. Steps, all under target/dist:
 *
 * <ol>
 *   <li>a Java runtime trimmed by jlink to the modules the app uses ({@code -Ddist.modules});
 *   <li>one {@code predict} of the bundled coffee photo on that runtime with an empty JavaCPP cache: it must say
 *       espresso, and the cache then holds exactly the native libraries ND4J loads, as JavaCPP names them;
 *   <li>those libraries flattened into {@code natives/} beside the jars and deleted from the jars, so an installed app
 *       loads them in place ({@code pathsFirst}) instead of unpacking about 400 MB into ~/.javacpp/cache on its first
 *       start; natives that run did not load (HDF5 for Keras files, MKL) stay in their jars and unpack if ever used;
 *   <li>on Linux, the classes the app loads up to its first prediction, listed by two training runs on that runtime
 *       (the CLI's predict, and the window until it shows its first prediction where a display, or xvfb-run, is at
 *       hand) into {@code convscope.classlist} beside the jars;
 *   <li>jpackage's app image, smoke-tested again with an empty cache, then the installer of this OS from it;
 *   <li>on Linux, a class-data-sharing archive of those classes ({@code convscope.jsa}, which the launcher names):
 *       Java 17 accepts such an archive only at the class path it was made with, so the .deb's post-install script
 *       makes it in /opt/convscope (its pre-removal script deletes it again), and the app image in target/dist gets
 *       its own, smoke-tested with {@code -Xshare:on}. The 8,000 classes loaded before the first prediction are then
 *       mapped from the archive, already parsed and verified, instead of read from the jars: the window's start took
 *       4.2 instead of 6.6 CPU seconds (src/tools/first-start.sh, medians).
 * </ol>
 *
 * <p>Arguments are {@code key=value}: basedir, version, type (deb, msi, exe, dmg, pkg or none), icon, vendor,
 * description, modules.
 */
public final class BuildInstaller {

    private static final String NAME = "ConvScope";
    private static final String MAIN_CLASS = "io.convscope.Launcher";
    private static final String SMOKE_IMAGE = "sample-images/coffee.png";
    private static final String EXPECTED = "espresso";
    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("win");
    private static final boolean MAC = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac");
    private static final boolean LINUX = !WINDOWS && !MAC;
    private static final String CLASS_LIST = "convscope.classlist";
    private static final String ARCHIVE = "convscope.jsa";

    private final Map<String, String> args;
    private final Path base;
    private final Path dist;

    private BuildInstaller(Map<String, String> args) {
        this.args = args;
        this.base = Path.of(arg("basedir")).toAbsolutePath();
        this.dist = base.resolve("target/dist");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        new BuildInstaller(args).build();
    }

    private String arg(String key) {
        String value = args.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return value;
    }

    private void build() throws Exception {
        deleteTree(dist);
        Path input = dist.resolve("input");
        Files.createDirectories(input.resolve("lib"));
        Files.copy(base.resolve("target/convscope.jar"), input.resolve("convscope.jar"));
        try (Stream<Path> jars = Files.list(base.resolve("target/lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, input.resolve("lib").resolve(jar.getFileName()));
            }
        }
        Path runtime = dist.resolve("runtime");
        // The CDS archive of the runtime's own classes: without it every JDK class loads from the modules file at
        // each start, slower than a full JDK's java -jar, which has one.
        run("jlink", "--add-modules", arg("modules"), "--include-locales=en,zh", "--strip-debug", "--no-man-pages",
                "--no-header-files", "--compress=2", "--generate-cds-archive", "--output", runtime.toString());

        Path cache = dist.resolve("javacpp-cache");
        Path java = runtime.resolve(WINDOWS ? "bin/java.exe" : "bin/java");
        smokeTest(List.of(java.toString(), "-cp", classPath(input), MAIN_CLASS), cache);
        Path natives = input.resolve("natives");
        Map<String, List<String>> extracted = flattenNatives(cache, natives);
        stripNatives(input.resolve("lib"), extracted);
        if (LINUX) { // the one system whose installer can make the archive where it installs (see above)
            listStartupClasses(java, input);
        }

        String version = arg("version").replace("-SNAPSHOT", "");
        List<String> common = List.of("--name", NAME, "--app-version", version, "--vendor", arg("vendor"),
                "--description", arg("description"), "--icon", base.resolve(arg("icon")).toString(),
                "--copyright", "Copyright (c) 2026 " + arg("vendor") + ", MIT License", "--dest", dist.toString());
        List<String> image = new ArrayList<>(List.of("--type", "app-image", "--input", input.toString(),
                "--main-jar", "convscope.jar", "--main-class", MAIN_CLASS, "--runtime-image", runtime.toString()));
        for (String option : launcherOptions()) {
            image.add("--java-options");
            image.add(option);
        }
        if (WINDOWS) {
            // The main launcher is a GUI program without a console, so the CLI gets a console launcher of its own.
            image.addAll(List.of("--add-launcher", "convscope-cli=" + base.resolve("src/dist/convscope-cli.properties")));
        }
        image.addAll(common);
        run("jpackage", image.toArray(String[]::new));
        Path appImage = dist.resolve(MAC ? NAME + ".app" : NAME);
        smokeTest(List.of(cliLauncher(appImage).toString()), dist.resolve("javacpp-cache-check"));

        String type = arg("type");
        if (!type.equals("none")) {
            List<String> installer = new ArrayList<>(List.of("--type", type, "--app-image", appImage.toString(),
                    "--license-file", base.resolve("LICENSE").toString()));
            installer.addAll(osInstallerOptions(type));
            installer.addAll(common);
            run("jpackage", installer.toArray(String[]::new));
        }
        if (LINUX) {
            // After the installer, which makes its own archive where it installs (see the class comment).
            Path app = appImage.resolve("lib/app");
            dumpArchive(app.getParent().resolve("runtime/bin/java"), app, launcherClassPath(app));
            smokeTest(List.of(cliLauncher(appImage).toString()), dist.resolve("javacpp-cache-cds"), "-Xshare:on");
        }
        report(appImage);
    }

    /** JVM options of the installed launchers; $APPDIR is jpackage's token for the folder holding the jars. */
    private static List<String> launcherOptions() {
        List<String> options = new ArrayList<>(List.of(
                // Big presets (VGG-16 in the window) need about 1.9 GB of heap; a quarter of RAM is too little on 8 GB.
                "-XX:MaxRAMPercentage=50",
                // The natives extracted at build time, loaded where they are installed (see the class comment).
                "-Dorg.bytedeco.javacpp.pathsFirst=true",
                "-Djava.library.path=$APPDIR" + (WINDOWS ? "\\" : "/") + "natives"));
        if (LINUX) {
            // Made after installation (see the class comment). Without the file the JVM starts without sharing, so
            // the other systems, which have no install script to make it, keep the runtime's own archive instead.
            options.add("-XX:SharedArchiveFile=$APPDIR/" + ARCHIVE);
        }
        return options;
    }

    private List<String> osInstallerOptions(String type) throws IOException {
        if (type.equals("deb")) {
            return List.of("--linux-shortcut", "--linux-menu-group", "Education", "--linux-app-category", "education",
                    "--linux-deb-maintainer", "dev@convscope.io", "--resource-dir", debScripts().toString());
        }
        if (type.equals("rpm")) {
            return List.of("--linux-shortcut", "--linux-menu-group", "Education", "--linux-app-category", "education");
        }
        if (type.equals("msi") || type.equals("exe")) {
            // Per-user install: a student needs no administrator; the upgrade UUID lets a newer version replace it.
            return List.of("--win-menu", "--win-menu-group", NAME, "--win-shortcut", "--win-dir-chooser",
                    "--win-per-user-install", "--win-upgrade-uuid", "5c3e6a52-8d1f-4a7e-9b55-2a3f0c6e1d14");
        }
        return List.of("--mac-package-name", NAME);
    }

    /**
     * Lists the classes loaded up to the first prediction into {@code input/convscope.classlist}: the CLI's predict,
     * then the window until its first prediction (StartupProbe quits it there) when it can open one, on Linux under
     * xvfb-run where no display is set. Lines naming a jar of the build machine (classes of custom class loaders)
     * are left out: the list must hold at any install path.
     */
    private void listStartupClasses(Path java, Path input) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("convscope-training-home");
        List<String> jvm = List.of(java.toString(), "-XX:MaxRAMPercentage=50", "-Duser.home=" + home,
                "-Dorg.bytedeco.javacpp.pathsFirst=true", "-Djava.library.path=" + input.resolve("natives"));
        Path cliList = dist.resolve("classes-cli.txt");
        Path windowList = dist.resolve("classes-window.txt");
        List<String> cli = new ArrayList<>(jvm);
        cli.addAll(List.of("-XX:DumpLoadedClassList=" + cliList, "-cp", classPath(input), MAIN_CLASS, "predict",
                base.resolve(SMOKE_IMAGE).toString()));
        requireSuccess(cli, 5);
        List<String> window = new ArrayList<>();
        if (LINUX && System.getenv("DISPLAY") == null) {
            window.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"));
        }
        window.addAll(jvm);
        window.addAll(List.of("-Dconvscope.startupProbe=true", "-XX:DumpLoadedClassList=" + windowList, "-cp",
                classPath(input), MAIN_CLASS));
        try {
            requireSuccess(window, 3);
        } catch (IOException | IllegalStateException e) {
            System.out.println("[dist] no window to list its start-up classes (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); the archive holds the CLI's, the window's others load from the jars");
            Files.deleteIfExists(windowList);
        }
        Set<String> classes = new LinkedHashSet<>();
        for (Path list : List.of(cliList, windowList)) {
            if (Files.exists(list)) {
                for (String line : Files.readAllLines(list)) {
                    if (!line.startsWith("#") && !line.contains(" source: ")) {
                        classes.add(line.replaceFirst(" id: \\d+$", ""));
                    }
                }
            }
        }
        Files.write(input.resolve(CLASS_LIST), classes);
        Files.deleteIfExists(cliList);
        Files.deleteIfExists(windowList);
        System.out.println("[dist] " + classes.size() + " start-up classes listed in " + CLASS_LIST);
        deleteTree(home);
    }

    /** Runs a command to its end, failing with its output unless it exits with 0 within the minutes given. */
    private static void requireSuccess(List<String> command, int minutes) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(minutes, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed\n"
                    + new String(out, StandardCharsets.UTF_8));
        }
    }

    /** The launcher's class path, in its order, from the app image's configuration file. */
    private static String launcherClassPath(Path app) throws IOException {
        return Files.readAllLines(app.resolve(NAME + ".cfg")).stream()
                .filter(l -> l.startsWith("app.classpath="))
                .map(l -> l.substring("app.classpath=".length()).replace("$APPDIR", app.toString()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Makes the class-data-sharing archive of the listed classes beside them, for exactly that class path. */
    private static void dumpArchive(Path java, Path app, String classPath) throws IOException, InterruptedException {
        requireSuccess(List.of(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + app.resolve(CLASS_LIST),
                "-XX:SharedArchiveFile=" + app.resolve(ARCHIVE), "-cp", classPath), 5);
        System.out.println("[dist] class-data-sharing archive " + app.resolve(ARCHIVE) + ": "
                + megabytes(Files.size(app.resolve(ARCHIVE))) + " MB");
    }

    /**
     * jpackage's own post-install and pre-removal scripts, each with one step added: the archive made where the
     * package installed the app (its install script fails no installation: without the file the app starts without
     * it), and deleted before removal, so dpkg -r leaves no trace.
     */
    private Path debScripts() throws IOException {
        Path dir = dist.resolve("deb-resources");
        Files.createDirectories(dir);
        String app = "/opt/" + NAME.toLowerCase(Locale.ROOT) + "/lib/app";
        String make = "        cp=\"$(sed -n 's|^app.classpath=\\$APPDIR|" + app + "|p' " + app + "/" + NAME + ".cfg"
                + " | paste -sd: -)\"\n"
                + "        " + app + "/../runtime/bin/java -Xshare:dump -XX:SharedClassListFile=" + app + "/"
                + CLASS_LIST + " -XX:SharedArchiveFile=" + app + "/" + ARCHIVE + " -cp \"$cp\" >/dev/null 2>&1"
                + " || rm -f " + app + "/" + ARCHIVE + "\n";
        Files.writeString(dir.resolve("postinst"), jpackageTemplate("postinst")
                .replace("DESKTOP_COMMANDS_INSTALL\n", menuStep("DESKTOP_COMMANDS_INSTALL",
                        "no menu entry was added; start the app as " + app.replace("lib/app", "bin/" + NAME)) + make));
        Files.writeString(dir.resolve("prerm"), jpackageTemplate("prerm")
                .replace("DESKTOP_COMMANDS_UNINSTALL\n",
                        menuStep("DESKTOP_COMMANDS_UNINSTALL", "there was no menu entry to remove")
                                + "        rm -f " + app + "/" + ARCHIVE + "\n"));
        return dir;
    }

    /**
     * jpackage's menu commands, run so that their failure fails no installation or removal: xdg-desktop-menu exits
     * with an error where no desktop ever made a system menu folder (a server, a container), and under the scripts'
     * {@code set -e} that would leave the package half-installed or impossible to remove. The app works without the
     * menu entry, so the script says so and goes on.
     */
    private static String menuStep(String placeholder, String outcome) {
        return "        if ! (\n" + placeholder + "\n        ); then\n"
                + "            echo \"ConvScope: this system has no desktop menu, so " + outcome + "\" >&2\n"
                + "        fi\n";
    }

    /**
     * A Debian script template of the jpackage that runs this build, read from its module through the jrt file
     * system (the package is not open, so the module's own resource lookup would not find it).
     */
    private static String jpackageTemplate(String name) throws IOException {
        return Files.readString(Path.of(URI.create("jrt:/jdk.jpackage/jdk/jpackage/internal/resources/template." + name)));
    }

    private static Path cliLauncher(Path appImage) {
        if (WINDOWS) {
            return appImage.resolve("convscope-cli.exe");
        }
        return appImage.resolve(MAC ? "Contents/MacOS/" + NAME : "bin/" + NAME);
    }

    private static String classPath(Path input) throws IOException {
        List<String> entries = new ArrayList<>(List.of(input.resolve("convscope.jar").toString()));
        try (Stream<Path> jars = Files.list(input.resolve("lib"))) {
            jars.sorted().forEach(jar -> entries.add(jar.toString()));
        }
        return String.join(System.getProperty("path.separator"), entries);
    }

    /** Runs predict on the bundled photo with {@code cache} as JavaCPP's cache and fails unless it says espresso. */
    private void smokeTest(List<String> command, Path cache, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("predict", base.resolve(SMOKE_IMAGE).toString()));
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        // The JVM reads JAVA_TOOL_OPTIONS whatever launcher starts it, so the installed options stay as they are.
        pb.environment().put("JAVA_TOOL_OPTIONS",
                String.join(" ", jvmOptions) + " -Dorg.bytedeco.javacpp.cachedir=" + cache);
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!done || p.exitValue() != 0 || !out.contains(EXPECTED)) {
            throw new IllegalStateException("smoke test failed: " + String.join(" ", full) + "\n" + out);
        }
        System.out.println("[dist] predict " + SMOKE_IMAGE + " in " + ms + " ms with an empty cache: "
                + out.lines().filter(l -> l.contains(EXPECTED)).findFirst().orElse("").trim());
    }

    /**
     * Copies every library JavaCPP unpacked (cache/JAR/PATH/FILE) into one folder and returns, per jar, the entries it
     * unpacked. The links JavaCPP adds (libfoo.so to libfoo.so.1, or to the same library from another jar) are left
     * out: every library is loaded by its own name, and jpackage would turn each link into a full copy.
     */
    private static Map<String, List<String>> flattenNatives(Path cache, Path natives) throws IOException {
        Files.createDirectories(natives);
        Map<String, List<String>> extracted = new HashMap<>();
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path f : files.sorted().toList()) {
                Path rel = cache.relativize(f);
                if (rel.getNameCount() < 2 || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                extracted.computeIfAbsent(rel.getName(0).toString(), k -> new ArrayList<>())
                        .add(rel.subpath(1, rel.getNameCount()).toString().replace('\\', '/'));
                Path target = natives.resolve(f.getFileName().toString());
                if (!Files.exists(target)) {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return extracted;
    }

    /** Deletes the unpacked libraries from their jars, which then carry only classes and what was not loaded. */
    private static void stripNatives(Path lib, Map<String, List<String>> extracted) throws IOException {
        for (Map.Entry<String, List<String>> e : extracted.entrySet()) {
            Path jar = lib.resolve(e.getKey());
            if (!Files.exists(jar)) {
                continue;
            }
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
                for (String entry : e.getValue()) {
                    Files.deleteIfExists(zip.getPath(entry));
                }
            }
        }
    }

    private static void run(String tool, String... toolArgs) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " not found: build with a full JDK 17"));
        System.out.println("[dist] " + tool + " " + String.join(" ", toolArgs));
        int rc = provider.run(System.out, System.err, toolArgs);
        if (rc != 0) {
            throw new IllegalStateException(tool + " failed with exit code " + rc);
        }
    }

    private void report(Path appImage) throws IOException {
        System.out.println("[dist] app image " + appImage + ": " + megabytes(size(appImage)) + " MB");
        try (Stream<Path> files = Files.list(dist)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                System.out.println("[dist] installer " + f + ": " + megabytes(Files.size(f)) + " MB");
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(f);
            }
        }
    }
}
