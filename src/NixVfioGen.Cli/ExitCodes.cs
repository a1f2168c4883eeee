namespace NixVfioGen.Cli;

/// <summary>The process exit codes the CLI documents.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad arguments or a failure the user can fix (formatter missing, file not writable).</summary>
    public const int UsageError = 2;

    /// <summary>A bug in the generator; reported as one line, never with a stack trace.</summary>
    public const int InternalError = 70;

    /// <summary>list-iommu found no IOMMU groups: the IOMMU is off.</summary>
    public const int IommuDisabled = 3;

    /// <summary>doctor found at least one link of the chain that stops the VM (a FAIL line).</summary>
    public const int DoctorFoundFailures = 1;

    /// <summary>Ctrl-C or SIGTERM stopped the run: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
