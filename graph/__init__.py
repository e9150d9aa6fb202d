"""The only code that talks to Microsoft Graph (msgraph-sdk); see issue 3."""
