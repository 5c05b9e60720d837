/* zx-empowerment-page.c — the empowerment ring: courses, skills and the fund
 *
 * The area's header bar switches between its three pages (Alt+1…3):
 * micro-courses (ZxCoursesPage), skills and gaps (ZxSkillsPage) and the
 * strategic micro-innovation fund (ZxFundPage).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-empowerment-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-courses-page.h"
#include "zx-empowerment-page.h"
#include "zx-fund-page.h"
#include "zx-skills-page.h"
#include "zx-window.h"

struct _ZxEmpowermentPage
{
  AdwBin                parent_instance;

  ZxContext            *context;
  gboolean              folded;

  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
};

G_DEFINE_FINAL_TYPE (ZxEmpowermentPage, zx_empowerment_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const views[] = { "courses", "skills", "fund", NULL };

void
zx_empowerment_page_set_view (ZxEmpowermentPage *self,
                              const char        *name)
{
  g_return_if_fail (ZX_IS_EMPOWERMENT_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
zx_empowerment_page_get_view (ZxEmpowermentPage *self)
{
  g_return_val_if_fail (ZX_IS_EMPOWERMENT_PAGE (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
zx_empowerment_page_get_page (ZxEmpowermentPage *self,
                              const char        *name)
{
  g_return_val_if_fail (ZX_IS_EMPOWERMENT_PAGE (self), NULL);
  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

static void
view_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  zx_empowerment_page_set_view (ZX_EMPOWERMENT_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
zx_empowerment_page_constructed (GObject *object)
{
  ZxEmpowermentPage *self = ZX_EMPOWERMENT_PAGE (object);

  G_OBJECT_CLASS (zx_empowerment_page_parent_class)->constructed (object);

  adw_view_stack_add_titled (self->view_stack, zx_courses_page_new (self->context), "courses", _("Courses"));
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (self->view_stack,
                                                              adw_view_stack_get_child_by_name (self->view_stack, "courses")),
                                     "accessories-dictionary-symbolic");
  adw_view_stack_add_titled (self->view_stack, zx_skills_page_new (self->context), "skills", _("Skills"));
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (self->view_stack,
                                                              adw_view_stack_get_child_by_name (self->view_stack, "skills")),
                                     "applications-engineering-symbolic");
  adw_view_stack_add_titled (self->view_stack, zx_fund_page_new (self->context), "fund", _("Fund"));
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (self->view_stack,
                                                              adw_view_stack_get_child_by_name (self->view_stack, "fund")),
                                     "starred-symbolic");
  zx_page_add_view_shortcuts (GTK_WIDGET (self), "empowerment.view", views);
}

static void
zx_empowerment_page_dispose (GObject *object)
{
  ZxEmpowermentPage *self = ZX_EMPOWERMENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_EMPOWERMENT_PAGE);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (zx_empowerment_page_parent_class)->dispose (object);
}

static void
zx_empowerment_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ZxEmpowermentPage *self = ZX_EMPOWERMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_empowerment_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ZxEmpowermentPage *self = ZX_EMPOWERMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_empowerment_page_class_init (ZxEmpowermentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_empowerment_page_constructed;
  object_class->dispose = zx_empowerment_page_dispose;
  object_class->get_property = zx_empowerment_page_get_property;
  object_class->set_property = zx_empowerment_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "empowerment.view", "s", view_activated);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/empowerment/zx-empowerment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxEmpowermentPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ZxEmpowermentPage, view_stack);
}

static void
zx_empowerment_page_init (ZxEmpowermentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
zx_empowerment_page_new (ZxContext *context)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  return g_object_new (ZX_TYPE_EMPOWERMENT_PAGE, "context", context, NULL);
}
