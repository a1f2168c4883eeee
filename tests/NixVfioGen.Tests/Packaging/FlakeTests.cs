using System.Text.Json;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>The flake checked offline: parsed by Nix, its outputs evaluated against a recording stub nixpkgs.</summary>
public class FlakeTests
{
    public static TheoryData<string> NixFiles => new(
        new[] { "flake.nix", "examples/consumer-flake/flake.nix", "examples/consumer-flake/configuration.nix", "examples/consumer-flake/hardware-configuration.nix", "examples/vfio.nix" }
            .Concat(Directory.GetFiles(Repository.PathOf("nix"), "*.nix").Select(f => Path.GetRelativePath(Repository.Root, f)))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(NixFiles))]
    public void Parses_with_the_real_nix_parser(string file)
    {
        var result = ExternalTool.Run("nix-instantiate", ["--parse", Repository.PathOf(file)]);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Theory]
    [MemberData(nameof(NixFiles))]
    public void Is_a_nixfmt_fixed_point(string file) => Nixfmt.AssertFixedPoint(File.ReadAllText(Repository.PathOf(file)));

    private static JsonElement Evaluate(string selection) => StubFlake.Evaluate(selection);

    [Fact]
    public void Apps_run_the_generator()
    {
        var apps = Evaluate("""
            {
              genType = self.apps.x86_64-linux.gen.type;
              genProgram = self.apps.x86_64-linux.gen.program;
              defaultProgram = self.apps.x86_64-linux.default.program;
              listIommu = self.apps.x86_64-linux.list-iommu.program;
              doctor = self.apps.x86_64-linux.doctor.program;
              aarch64 = self.apps.aarch64-linux.gen.type;
            }
            """);
        Assert.Equal("app", apps.At("genType").GetString());
        Assert.EndsWith("/bin/nix-vfio-gen", apps.At("genProgram").GetString());
        Assert.Equal(apps.At("genProgram").GetString(), apps.At("defaultProgram").GetString());
        Assert.Equal("/nix/store/stub-nix-vfio-gen-list-iommu", apps.At("listIommu").GetString());
        Assert.Equal("/nix/store/stub-nix-vfio-gen-doctor", apps.At("doctor").GetString());
        Assert.Equal("app", apps.At("aarch64").GetString());
    }

    [Fact]
    public void The_package_is_built_with_buildDotnetModule_and_wraps_nixfmt_and_pci_ids()
    {
        var package = Evaluate("""
            let p = self.packages.x86_64-linux.default; fd = self.packages.x86_64-linux.nix-vfio-gen-framework-dependent; in
            {
              inherit (p) builder;
              inherit (p.args) pname version projectFile executables selfContainedBuild dotnet-runtime dotnetFlags postFixup strictDeps __structuredAttrs;
              nativeBuildInputs = map (d: d.name) p.args.nativeBuildInputs;
              builderWrapperArgs = p.args.makeWrapperArgs or null;
              frameworkDependent = {
                inherit (fd.args) dotnetFlags executables makeWrapperArgs;
                runtime = fd.args.dotnet-runtime.name;
              };
              nugetDeps = toString p.args.nugetDeps;
              updateScript = map toString p.passthru.updateScript;
              meta = { inherit (p.meta) mainProgram platforms maintainers; license = p.meta.license.spdxId; };
              sameAsNamed = p.outPath == self.packages.x86_64-linux.nix-vfio-gen.outPath;
              overlay = (self.overlays.default pkgs pkgs).nix-vfio-gen.args.pname;
            }
            """);
        Assert.Equal("buildDotnetModule", package.At("builder").GetString());
        // The package's version is the one --version prints.
        Assert.Equal(CliRun.Run(["--version"]).Stdout.Trim(), package.At("version").GetString());
        Assert.Equal("src/NixVfioGen.Cli/NixVfioGen.Cli.csproj", package.At("projectFile").GetString());
        Assert.EndsWith("/nix/deps.json", package.At("nugetDeps").GetString());
        Assert.True(package.At("strictDeps").GetBoolean());
        Assert.True(package.At("__structuredAttrs").GetBoolean());
        // Warnings stay errors in CI, never in a user's build with another SDK.
        Assert.Equal(["-p:TreatWarningsAsErrors=false"], package.At("dotnetFlags").Strings());
        Assert.Equal(["/nix/store/stub-fetch-deps", "nix/deps.json"], package.At("updateScript").Strings());
        Assert.Equal("mit", package.At("meta.license").GetString()?.ToLowerInvariant());
        Assert.Equal("nix-vfio-gen", package.At("meta.mainProgram").GetString());
        Assert.Equal(["x86_64-linux", "aarch64-linux"], package.At("meta.platforms").Strings());
        Assert.Empty(package.At("meta.maintainers").Strings());
        Assert.True(package.At("sameAsNamed").GetBoolean());
        Assert.Equal("nix-vfio-gen", package.At("overlay").GetString());
        // NativeAOT by default, as nixpkgs' pomni: self-contained, no runtime, a C toolchain to link.
        Assert.True(package.At("selfContainedBuild").GetBoolean());
        Assert.Equal(JsonValueKind.Null, package.At("dotnet-runtime").ValueKind);
        Assert.Equal(["cc"], package.At("nativeBuildInputs").Strings());
        // No executables for the builder's wrapper (it adds the SDK's ICU); the package's own has nixfmt and pci.ids only.
        Assert.Empty(package.At("executables").Strings());
        Assert.Equal(JsonValueKind.Null, package.At("builderWrapperArgs").ValueKind);
        var wrapper = package.At("postFixup").GetString()!;
        Assert.Contains("makeWrapper \"$out/lib/nix-vfio-gen/nix-vfio-gen\" \"$out/bin/nix-vfio-gen\"", wrapper);
        Assert.Contains("--prefix PATH : /nix/store/stub-nixfmt/bin", wrapper);
        Assert.Contains("--set-default NIX_VFIO_GEN_PCI_IDS /nix/store/stub-hwdata/share/hwdata/pci.ids", wrapper);
        Assert.DoesNotContain("icu", wrapper, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["-p:TreatWarningsAsErrors=false", "-p:PublishAot=false"], package.At("frameworkDependent.dotnetFlags").Strings());
        Assert.Equal(["nix-vfio-gen"], package.At("frameworkDependent.executables").Strings());
        Assert.Contains("/nix/store/stub-nixfmt/bin", package.At("frameworkDependent.makeWrapperArgs").Strings());
        Assert.Equal("dotnet-runtime", package.At("frameworkDependent.runtime").GetString());
    }

    [Fact]
    public void The_source_set_is_the_tracked_build_inputs_without_the_solution()
    {
        var source = Evaluate("""
            let s = self.packages.x86_64-linux.default.args.src; in
            {
              root = toString s.root;
              tracked = toString (builtins.elemAt s.fileset.intersection 0).gitTracked;
              picked = map toString (builtins.elemAt s.fileset.intersection 1).unions;
            }
            """);
        Assert.Equal(Repository.Root, source.At("root").GetString());
        Assert.Equal(Repository.Root, source.At("tracked").GetString());
        Assert.Equal(new[] { "src", "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(Repository.PathOf), source.At("picked").Strings());
    }

    [Fact]
    public void Mk_vfio_module_passes_every_argument_on_the_generators_command_line()
    {
        var module = Evaluate("""
            let m = self.lib.mkVfioModule { inherit pkgs; ids = [ "1002:67df" ]; }; in
            { inherit (m) imports; packages = m.environment.systemPackages; }
            """);
        Assert.Equal(["/nix/store/stub-vfio.nix"], module.At("imports").Strings());
        // This flake's own package, the one that ran: what `nix-vfio-gen doctor` in the generated file needs.
        Assert.Equal(["/nix/store/stub-nix-vfio-gen"], module.At("packages").Strings());
        var script = Evaluate("""
            (self.lib.mkVfioModuleFile {
              inherit pkgs;
              ids = [ "1002:67df" "1002:aaf0" ];
              pci = [ "0000:23:00.0" "0000:23:00.1" ];
              user = "alice";
              platform = "amd";
              lookingGlass = "kvmfr";
              earlyBinding = false;
              vmName = "gaming";
              hideKvm = true;
              define = false;
              diskSize = "256G";
              extraArgs = [ "--video" "none" ];
            }).script
            """).GetString()!;
        Assert.StartsWith("/nix/store/stub-nix-vfio-gen/bin/nix-vfio-gen ", script);
        foreach (var expected in new[]
        {
            "--ids 1002:67df,1002:aaf0", "--pci 0000:23:00.0,0000:23:00.1", "--user alice", "--platform amd",
            "--looking-glass kvmfr", "--early-binding false", "--vm-name gaming", "--hide-kvm", "--disk-size 256G", "--video none",
        })
        {
            Assert.Contains(expected, script);
        }
        Assert.DoesNotContain("--define", script);
        Assert.Contains("> $out", script);
    }

    [Theory]
    [InlineData("mkVfioModuleFile", "plaform = \"amd\";", "unknown argument plaform")]
    [InlineData("mkDomainXml", "ids = [ \"1002:67df\" ];", "unknown argument ids")]
    public void An_unknown_argument_is_an_error_that_lists_the_valid_ones(string function, string argument, string message)
    {
        var expression = $"(self.lib.{function} {{ inherit pkgs; {argument} }}).script";
        var error = Assert.Throws<Xunit.Sdk.TrueException>(() => Evaluate(expression));
        Assert.Contains(message, error.Message);
        Assert.Contains("the arguments are pkgs, extraArgs, ", error.Message);
    }

    // The lib writes stdout to $out with --formatter none: a second --formatter fails the build, an output option writes elsewhere.
    [Theory]
    [InlineData("mkVfioModuleFile", "\"--formatter\" \"nixfmt\"", "--formatter")]
    [InlineData("mkVfioModuleFile", "\"--formatter=nixfmt\"", "--formatter=nixfmt")]
    [InlineData("mkVfioModuleFile", "\"--output\" \"/tmp/vfio.nix\"", "--output")]
    [InlineData("mkVfioModuleFile", "\"--output:/tmp/vfio.nix\"", "--output:/tmp/vfio.nix")]
    [InlineData("mkVfioModuleFile", "\"-o\" \"/tmp/vfio.nix\"", "-o")]
    [InlineData("mkVfioModuleFile", "\"-o/tmp/vfio.nix\"", "-o/tmp/vfio.nix")]
    [InlineData("mkVfioModuleFile", "\"--out-dir\" \"/tmp\"", "--out-dir")]
    [InlineData("mkDomainXml", "\"--output\" \"win11.xml\"", "--output")]
    public void Extra_args_that_would_break_or_redirect_the_output_are_refused(string function, string extraArgs, string named)
    {
        var result = StubFlake.TryEvaluate($"(self.lib.{function} {{ inherit pkgs; pci = [ \"0000:23:00.0\" ]; extraArgs = [ \"--video\" \"none\" {extraArgs} ]; }}).script");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"nix-vfio-gen: extraArgs may not contain {named}:", result.Stderr);
        Assert.Contains("--formatter, --output, -o, --out-dir are reserved", result.Stderr);
    }

    [Fact]
    public void Extra_args_with_other_options_pass()
    {
        var script = Evaluate("""(self.lib.mkVfioModuleFile { inherit pkgs; ids = [ "1002:67df" ]; extraArgs = [ "--video" "none" "--vcpus" "8" ]; }).script""").GetString()!;
        Assert.Contains("--video none --vcpus 8 --formatter none > $out", script);
    }

    [Fact]
    public void The_nixos_module_installs_this_flakes_package_for_the_machines_system()
    {
        var packages = Evaluate("""
            (self.nixosModules.default { pkgs = nixpkgs.legacyPackages.aarch64-linux; }).environment.systemPackages
            """);
        Assert.Equal(["/nix/store/stub-nix-vfio-gen"], packages.Strings());
        var error = StubFlake.TryEvaluate("""(self.nixosModules.default { pkgs = pkgs // { stdenv.hostPlatform.system = "riscv64-linux"; }; }).environment.systemPackages""");
        Assert.Contains("nix-vfio-gen: no package for riscv64-linux; the systems are x86_64-linux, aarch64-linux", error.Stderr);
    }

    [Fact]
    public void Every_way_the_generated_file_names_doctor_exists_in_the_flake()
    {
        var header = CliRun.Run(["--ids", "1002:67df", "--formatter", "none"]).Stdout;
        Assert.Contains("`nix-vfio-gen doctor` checks every link", header);
        Assert.Contains("installed by the nix-vfio-gen flake's lib.mkVfioModule or nixosModules.default; else run `nix run FLAKE#doctor`", header);
        var flake = Evaluate("""
            {
              module = (self.nixosModules.default { inherit pkgs; }).environment.systemPackages;
              lib = (self.lib.mkVfioModule { inherit pkgs; ids = [ "1002:67df" ]; }).environment.systemPackages;
              doctor = self.apps.x86_64-linux.doctor.type;
            }
            """);
        Assert.Equal(["/nix/store/stub-nix-vfio-gen"], flake.At("module").Strings());
        Assert.Equal(["/nix/store/stub-nix-vfio-gen"], flake.At("lib").Strings());
        Assert.Equal("app", flake.At("doctor").GetString());
    }

    [Fact]
    public void The_dev_shell_carries_every_checker_and_points_the_tests_at_them()
    {
        var shell = Evaluate("""
            let s = self.devShells.x86_64-linux.default.args; in
            { packages = map (p: p.name) s.packages; inherit (s) NIX_VFIO_GEN_OVMF_DIR NIXPKGS_LIB NIXFMT; }
            """);
        Assert.Equal(["dotnet-sdk", "nix", "nixfmt", "libvirt", "libxml2", "qemu", "swtpm", "shellcheck", "xorriso", "_7zz", "cdrkit", "powershell", "kmod", "systemd", "debootstrap"],
            shell.At("packages").Strings());
        Assert.Equal("/nix/store/stub-OVMFFull-fd/FV", shell.At("NIX_VFIO_GEN_OVMF_DIR").GetString());
        Assert.Equal("/nix/store/stub-nixpkgs/lib", shell.At("NIXPKGS_LIB").GetString());
        Assert.Equal("/nix/store/stub-nixfmt/bin/nixfmt", shell.At("NIXFMT").GetString());
    }

    [Fact]
    public void Mk_domain_xml_runs_the_domain_command()
    {
        var script = Evaluate("""(self.lib.mkDomainXml { inherit pkgs; pci = [ "0000:23:00.0" ]; vmName = "gaming"; }).script""").GetString()!;
        Assert.Contains("nix-vfio-gen domain --pci 0000:23:00.0 --vm-name gaming", script);
    }

    [Fact]
    public void Checks_cover_build_snapshot_nixfmt_and_schema()
    {
        var checks = Evaluate("builtins.attrNames self.checks.x86_64-linux");
        Assert.Equal(["domain-schema", "example-nixfmt", "example-snapshot", "package"], checks.Strings());
        var formatter = Evaluate("self.formatter.x86_64-linux.name").GetString();
        Assert.Equal("nixfmt-tree", formatter);
        Assert.Equal("shell", Evaluate("self.devShells.aarch64-linux.default.name").GetString());
    }

    [Fact]
    public void Flake_lock_pins_the_verified_nixpkgs_revision()
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("flake.lock")));
        var root = lockFile.RootElement;
        Assert.Equal(7, root.At("version").GetInt32());
        Assert.Equal("root", root.At("root").GetString());
        Assert.Equal("nixpkgs", root.At("nodes.root.inputs.nixpkgs").GetString());
        var locked = root.At("nodes.nixpkgs.locked");
        Assert.Equal("7fc6f2c20af09cdcaf48b92ec3121860139ec668", locked.At("rev").GetString());
        Assert.Equal("sha256-bNyvoIyOCu7lzoCpWKWGIsHpTtERUWzqYWFPlN++WTw=", locked.At("narHash").GetString());
        Assert.Equal(1790635395, locked.At("lastModified").GetInt64());
        Assert.Equal(("github", "NixOS", "nixpkgs"), (locked.At("type").GetString(), locked.At("owner").GetString(), locked.At("repo").GetString()));
        Assert.Equal("nixos-26.05", root.At("nodes.nixpkgs.original.ref").GetString());
        Assert.Contains("github:NixOS/nixpkgs/nixos-26.05", File.ReadAllText(Repository.PathOf("flake.nix")));
    }

    // Every option of a command, from its --help, in the lib's camelCase; output options are the lib's own business.
    private static SortedSet<string> CommandOptions(params string[] command)
    {
        var help = CliRun.Run([.. command, "--help"]).Stdout;
        return new SortedSet<string>(System.Text.RegularExpressions.Regex.Matches(help, @"(?m)^\s+(?:-\w, )?--([a-z-]+)")
            .Select(match => match.Groups[1].Value)
            .Where(name => name is not ("output" or "out-dir" or "formatter" or "version" or "help"))
            .Select(name => System.Text.RegularExpressions.Regex.Replace(name, "-([a-z])", m => m.Groups[1].Value.ToUpperInvariant())),
            StringComparer.Ordinal);
    }

    [Fact]
    public void The_lib_takes_exactly_the_options_the_command_line_has()
    {
        var result = NixTool.EvaluateJson($"(import {Repository.PathOf("nix/lib.nix")} {{ packageFor = _: \"/stub\"; }}).argumentNames");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var names = JsonDocument.Parse(result.Stdout).RootElement;
        string[] List(string key) => names.GetProperty(key).EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(CommandOptions(), new SortedSet<string>([.. List("hostOptions"), .. List("sharedOptions"), .. List("domainOptions"), .. List("rootOptions")], StringComparer.Ordinal));
        Assert.Equal(CommandOptions("domain"), new SortedSet<string>([.. List("sharedOptions"), .. List("domainOptions")], StringComparer.Ordinal));
        // The switches are exactly the options that take no value.
        var help = CliRun.Run(["--help"]).Stdout;
        var valueless = System.Text.RegularExpressions.Regex.Matches(help, @"(?m)^\s+--([a-z-]+) {2,}")
            .Select(match => System.Text.RegularExpressions.Regex.Replace(match.Groups[1].Value, "-([a-z])", m => m.Groups[1].Value.ToUpperInvariant()))
            .Where(name => name is not ("version" or "help"));
        Assert.Equal(new SortedSet<string>(valueless, StringComparer.Ordinal), new SortedSet<string>(List("switches"), StringComparer.Ordinal));
    }
}
