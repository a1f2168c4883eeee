using System.CommandLine;
using NixVfioGen.Cli.Options;
using NixVfioGen.Cli.Output;
using NixVfioGen.Generation;
using NixVfioGen.Host.Features;
using NixVfioGen.Model;
using NixVfioGen.Nix;

namespace NixVfioGen.Cli.Commands;

/// <summary>The root command: one NixOS module carrying the host setup and the domain XML.</summary>
internal static class GenerateCommand
{
    public static void Configure(RootCommand root, CliEnvironment environment)
    {
        var shared = new SharedOptionSet();
        var host = new HostOptionSet(shared);
        var domain = new DomainOptionSet(shared, environment.WorkingDirectory);
        var output = new OutputOptionSet();
        var define = new Option<bool>("--define")
        {
            Description = "Add a boot-time service that defines the VM only if no domain of that name exists",
        };
        var outDir = ModelOption.Of<string?>("--out-dir",
            "Write vfio.nix and NAME.xml side by side into DIR (created if missing; both or neither) instead of printing", "DIR",
            text => OutputOptionSet.NonEmpty(text, "a directory"));
        var redefine = new Option<bool>("--redefine")
        {
            Description = "Like --define, and define again whenever the generated XML changes (same UUID: NVRAM and TPM state stay; edits made in virt-manager are replaced)",
        };
        root.AddAll(host.All, domain.All, shared.All, [define, redefine, outDir], output.All);
        host.AddValidators(root);
        domain.AddValidators(root);
        SingleGpuRules.AddValidator(root, host, domain, shared);
        root.Validators.Add(result =>
        {
            if (result.GetResult(outDir) is not null && result.GetResult(output.Output) is not null)
            {
                result.AddError("--out-dir and --output cannot be combined: --out-dir writes both files itself");
            }
            else if (result.GetValue(define) && result.GetValue(redefine))
            {
                result.AddError("--define and --redefine: give one; --redefine defines the VM like --define and again whenever the XML changes");
            }
        });
        root.SetAction(async (result, cancellation) =>
        {
            var hostOptions = host.Read(result);
            var domainOptions = domain.Read(result, hostOptions.User);
            var directory = result.GetValue(outDir);
            var source = directory is null ? DomainFileSource.Embedded : DomainFileSource.SideBySide;
            var policy = result.GetValue(redefine) ? DefinePolicy.Always : result.GetValue(define) ? DefinePolicy.Once : DefinePolicy.ByHand;
            var carried = new ModuleDomain(domainOptions, policy, source);
            StartupTrace.Mark("model");
            var xml = carried.Xml;
            StartupTrace.Mark("xml");
            var module = HostModuleBuilder.Build(hostOptions, carried);
            StartupTrace.Mark("nix tree");
            var moduleFile = new GeneratedFile("vfio.nix", NixRenderer.Render(module), IsNix: true);
            StartupTrace.Mark("render");
            if (directory is null)
            {
                await GeneratedOutput.EmitAsync(environment, output, result, [moduleFile], cancellation);
            }
            else
            {
                // The XML first: the module refers to it, so it must never point at a file that is not there.
                await GeneratedOutput.WriteDirectoryAsync(environment, output, result, directory,
                    [new GeneratedFile(DomainFileFeature.XmlFileName(domainOptions.Name), xml, IsNix: false), moduleFile], cancellation);
            }
            UserNote.WriteIfMissing(environment, hostOptions);
            OptionWarnings.ForLookingGlass(environment, result, shared, hostOptions.LookingGlass);
            OptionWarnings.ForDomain(environment, domainOptions);
            OptionWarnings.ForPaths(environment, result, domain);
            OptionWarnings.ForSingleGpu(environment, hostOptions, domainOptions);
            OptionWarnings.ForEvdev(environment, domainOptions.Evdev);
            OptionWarnings.ForUser(environment, hostOptions);
            if (policy == DefinePolicy.ByHand)
            {
                FirstDefinitionNote.Write(environment, domainOptions);
            }
            return ExitCodes.Success;
        });
    }
}
