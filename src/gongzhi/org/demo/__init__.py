"""The demo city (a Changji-like city of 6 streets, 70 communities and 130 grids) and its users,
loaded by ``gongzhi load_demo`` or ``gongzhi demo``. Other modules add their demo data with
``demo_step_register`` in their own ``demo`` module."""
from gongzhi.org.demo.city import demo_city_load
from gongzhi.org.demo.steps import (ORDER_CITY, ORDER_USERS, DemoContext, DemoRefused, demo_load,
                                    demo_step_register)
from gongzhi.org.demo.users import demo_logins, demo_users_load, demo_users_refusal

demo_step_register("org.city", demo_city_load, order=ORDER_CITY)
demo_step_register("org.users", demo_users_load, order=ORDER_USERS, refusal=demo_users_refusal)

__all__ = ["DemoContext", "DemoRefused", "demo_load", "demo_logins", "demo_step_register"]
