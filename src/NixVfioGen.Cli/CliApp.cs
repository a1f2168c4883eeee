using System.CommandLine;
using NixVfioGen.Cli.Commands;

namespace NixVfioGen.Cli;

/// <summary>Wires System.CommandLine to the core and turns every failure into one line and an exit code.</summary>
internal static class CliApp
{
    public const string Example =
        "nix-vfio-gen --ids 1002:67df,1002:aaf0 --pci 0000:23:00.0,0000:23:00.1 --platform amd --user alice > vfio.nix";

    public static int Run(string[] args, CliEnvironment environment)
    {
        // Commands write to a buffer, so that a failure part-way leaves nothing printed.
        var stdout = new StringWriter();
        var buffered = environment with { Out = stdout };
        var root = new RootCommand($"Generate a NixOS module and libvirt domain for VFIO GPU passthrough.\n\nExample:\n  {Example}");
        GenerateCommand.Configure(root, buffered);
        root.Subcommands.Add(ModuleCommand.Create(buffered));
        root.Subcommands.Add(DomainCommand.Create(buffered));
        root.Subcommands.Add(ListIommuCommand.Create(buffered));

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            environment.Error.WriteLine("nix-vfio-gen: " + result.Errors[0].Message + " (see --help)");
            return ExitCodes.UsageError;
        }
        try
        {
            var exitCode = result.Invoke(new InvocationConfiguration { Output = stdout, Error = environment.Error, EnableDefaultExceptionHandler = false });
            environment.Out.Write(stdout.ToString());
            return exitCode;
        }
        catch (CliInputException error)
        {
            environment.Error.WriteLine("nix-vfio-gen: " + error.Message);
            return ExitCodes.UsageError;
        }
    }
}
