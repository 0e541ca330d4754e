import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CsrfTokens } from './csrf-tokens';
import { DashboardAssetsController } from './dashboard-assets.controller';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { DashboardRenderer } from './dashboard-renderer';
import { DashboardGuard } from './dashboard.guard';
import { PageNotFoundController } from './page-not-found.controller';
import { PreferencesController } from './preferences.controller';
import { SignInController } from './sign-in.controller';
import { SiteRootController } from './site-root.controller';

/**
 * The office's pages under /app: server-rendered with the same Handlebars as
 * the e-mails, signed in with a session cookie, every form CSRF-protected.
 * The page modules (calendar, rounds, reports, directory, administration)
 * import it for the renderer and the guard.
 */
@Module({
  imports: [AuthModule],
  controllers: [
    SiteRootController,
    SignInController,
    PreferencesController,
    DashboardAssetsController,
    PageNotFoundController,
  ],
  providers: [DashboardRenderer, CsrfTokens, DashboardGuard, DashboardErrorFilter],
  exports: [DashboardRenderer, CsrfTokens, DashboardGuard, DashboardErrorFilter, AuthModule],
})
export class DashboardModule {}
