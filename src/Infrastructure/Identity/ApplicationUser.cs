using Microsoft.AspNetCore.Identity;

namespace VapiAgents.Infrastructure.Identity;

public sealed class ApplicationUser : IdentityUser;
