using System.Text;
using System.Xml.Linq;
using CliWrap;
using CliWrap.Buffered;
using NixVfioGen.Doctor;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Runs virsh from PATH with read-only subcommands (uri, net-info, domstate), each with a timeout.
/// Arguments go to the process as a list, never through a shell.
/// </summary>
internal sealed class VirshProbe(string? path, TimeSpan timeout) : ILibvirtProbe
{
    public LibvirtFacts Query(string uri, DomainName? vm)
    {
        var virsh = (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "virsh"))
            .FirstOrDefault(File.Exists);
        if (virsh is null)
        {
            return new LibvirtFacts.NoVirsh();
        }
        var hello = Run(virsh, ["-c", uri, "uri"]);
        if (hello.ExitCode != 0)
        {
            return new LibvirtFacts.Unreachable($"libvirt did not answer at {uri}: {hello.Error}");
        }
        var network = Run(virsh, ["-c", uri, "net-info", "default"]);
        return new LibvirtFacts.Reachable(
            network.ExitCode == 0 ? new NetworkFacts(Field(network.Output, "Active") == "yes", Field(network.Output, "Autostart") == "yes") : null,
            vm is { } name ? Domain(virsh, uri, name) : null,
            Firmware(Run(virsh, ["-c", uri, "domcapabilities", "--arch", "x86_64", "--machine", "q35"])));
    }

    private static FirmwareFacts? Firmware(Outcome capabilities)
    {
        if (capabilities.ExitCode != 0)
        {
            return null;
        }
        try
        {
            var os = XDocument.Parse(capabilities.Output).Root?.Element("os");
            IEnumerable<string> Values(XElement? parent, string name) =>
                parent?.Elements("enum").Where(e => (string?)e.Attribute("name") == name).Elements("value").Select(v => v.Value.Trim()) ?? [];
            return new FirmwareFacts(Values(os, "firmware").Contains("efi"), Values(os?.Element("loader"), "secure").Contains("yes"));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private DomainFacts? Domain(string virsh, string uri, DomainName name)
    {
        var state = Run(virsh, ["-c", uri, "domstate", name.Value]);
        if (state.ExitCode != 0)
        {
            return null;
        }
        // domblklist --details: a header, a rule, then "Type Device Target Source" rows; Source may hold spaces.
        var disks = Run(virsh, ["-c", uri, "domblklist", name.Value, "--details"]);
        var sources = disks.Output.Split('\n')
            .Select(line => line.Trim().Split(' ', 4, StringSplitOptions.RemoveEmptyEntries))
            .Where(columns => columns.Length == 4 && columns[1] == "disk")
            .Select(columns => columns[3].Trim())
            .ToArray();
        return new DomainFacts(state.Output.Trim().Split('\n')[0].Trim(), sources);
    }

    // net-info prints "Active:         yes"; the names are not translated (virsh prints them untranslated).
    private static string? Field(string output, string name) =>
        output.Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == name)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();

    private sealed record Outcome(int ExitCode, string Output, string Error);

    private Outcome Run(string virsh, string[] arguments)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var result = CliWrap.Cli.Wrap(virsh).WithArguments(arguments)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, cancellation.Token)
                .GetAwaiter().GetResult();
            var firstError = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? $"exit code {result.ExitCode}";
            return new Outcome(result.ExitCode, result.StandardOutput, CliInputException.Printable(firstError));
        }
        catch (OperationCanceledException)
        {
            return new Outcome(-1, "", $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return new Outcome(-1, "", "virsh could not be started: " + CliInputException.Printable(error.Message));
        }
    }
}
